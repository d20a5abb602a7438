import type { StudioError } from '@shared/errors';
import type { SetSummary } from '@shared/library';
import { ErrorMessage, Panel } from '../../components/ui';
import { plural } from '../../lib/format';
import { NewSetForm } from './NewSetForm';

/** The library's sets; clicking one shows its images. */
export function SetsPanel({
  sets,
  selectedId,
  error,
  onSelect,
  onCreated,
}: {
  sets: SetSummary[];
  selectedId: number | null;
  error: StudioError | null;
  onSelect: (set: SetSummary) => void;
  onCreated: (set: SetSummary) => void;
}) {
  return (
    <Panel title="Sets" className="sets-panel">
      <ErrorMessage error={error} />
      {sets.length === 0 ? (
        <p className="muted small">No sets yet. Create one below, or import photos and a set is made for you.</p>
      ) : (
        <ul className="set-list" aria-label="Sets">
          {sets.map((set) => (
            <li key={set.id}>
              <button
                type="button"
                className="row-button set-item"
                aria-current={set.id === selectedId ? 'true' : undefined}
                data-testid="set-item"
                data-set-name={set.name}
                onClick={() => onSelect(set)}
              >
                <span className="set-name">{set.name}</span>
                <span className={`badge badge-${set.kind}`}>{set.kind}</span>
                <span className="set-item-count" title={set.binCount > 0 ? `${plural(set.binCount, 'rejected item')} in the bin, left out of training and exports` : undefined}>
                  {set.imageCount.toLocaleString('en-US')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <NewSetForm onCreated={onCreated} />
    </Panel>
  );
}
