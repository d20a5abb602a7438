import { useStoredFlag } from '../../../lib/useStoredSetting';

/** Whether A/R on a single item moves the focus on to the next one; remembered across sessions. Off by default. */
export function useAutoAdvance(): [boolean, (on: boolean) => void] {
  return useStoredFlag('cel-studio.curation.autoAdvance');
}
