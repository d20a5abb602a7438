import { SetKind } from '@shared/library';
import { ToggleButton } from '../../components/ui';
import { KIND_HINTS } from './importTarget';

/** Style or content: the two kinds of set as a segmented radio group, each with what it is for as a tooltip. */
export function SetKindToggle({ kind, onChange, label, testId }: { kind: SetKind; onChange: (kind: SetKind) => void; label: string; testId: string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {SetKind.options.map((k) => (
        <ToggleButton key={k} radio on={kind === k} className="segment" onClick={() => onChange(k)} title={KIND_HINTS[k]} data-kind={k}>
          {k}
        </ToggleButton>
      ))}
    </div>
  );
}
