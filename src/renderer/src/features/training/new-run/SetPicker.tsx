import type { SetKind, SetSummary } from '@shared/library';
import { Select } from '../../../components/ui';
import { plural } from '../../../lib/format';
import { usableCount } from './runFormState';

/**
 * A set drop-down listing the sets of `kind` first, then every other set (any set may be used). `name` is the
 * argument it fills, which a Form problem naming it marks invalid.
 */
export function SetPicker({
  label,
  kind,
  name,
  sets,
  value,
  onChange,
  testId,
}: {
  label: string;
  kind: SetKind;
  name: string;
  sets: readonly SetSummary[];
  value: number | null;
  onChange: (id: number | null) => void;
  testId: string;
}) {
  const own = sets.filter((s) => s.kind === kind);
  const other = sets.filter((s) => s.kind !== kind);
  // The count is what a run would train on; rejected items in the bin are left out, and said so.
  const option = (s: SetSummary) => (
    <option key={s.id} value={s.id}>
      {s.name} ({plural(usableCount(s), 'image')}
      {s.binCount > 0 ? `, ${s.binCount.toLocaleString('en-US')} rejected left out` : ''})
    </option>
  );
  const chosen = sets.find((s) => s.id === value);
  return (
    <Select
      label={label}
      name={name}
      value={value ?? ''}
      onValue={(id) => onChange(id === '' ? null : Number(id))}
      data-testid={testId}
      hint={chosen && chosen.kind !== kind ? `A ${chosen.kind} set, used as ${kind}.` : undefined}
    >
      <option value="" disabled>
        {sets.length === 0 ? 'No sets in this library' : 'Choose a set…'}
      </option>
      {own.length > 0 && <optgroup label={`${kind === 'style' ? 'Style' : 'Content'} sets`}>{own.map(option)}</optgroup>}
      {other.length > 0 && <optgroup label={`${kind === 'style' ? 'Content' : 'Style'} sets`}>{other.map(option)}</optgroup>}
    </Select>
  );
}
