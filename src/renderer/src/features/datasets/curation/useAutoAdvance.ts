import { useStoredSetting } from '../../../lib/useStoredSetting';

/** Whether A/R on a single item moves the focus on to the next one; remembered across sessions. Off by default. */
export function useAutoAdvance(): [boolean, (on: boolean) => void] {
  const [value, set] = useStoredSetting('cel-studio.curation.autoAdvance', '0');
  return [value === '1', (on) => set(on ? '1' : '0')];
}
