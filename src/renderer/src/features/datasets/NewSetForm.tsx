import { useState, type FormEvent } from 'react';
import type { SetKind, SetSummary } from '@shared/library';
import { Button, ErrorMessage, Field, isFieldError } from '../../components/ui';
import { useAction } from '../../transport';
import { KIND_HINTS } from './importTarget';

/** Name + kind -> `sets.create`. */
export function NewSetForm({ onCreated }: { onCreated: (set: SetSummary) => void }) {
  const create = useAction('sets.create');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SetKind>('style');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const set = await create.run({ name, kind });
    if (set) {
      setName('');
      onCreated(set);
    }
  }

  return (
    <form className="new-set" onSubmit={onSubmit} aria-label="New set">
      <h3 className="subheading">New set</h3>
      <Field
        label="Name"
        placeholder="e.g. Ghibli skies"
        value={name}
        onChange={(e) => setName(e.target.value)}
        invalid={isFieldError(create.error, 'name')}
        data-testid="new-set-name"
      />
      <div className="new-set-row">
        <div className="segmented" role="radiogroup" aria-label="Kind" data-testid="new-set-kind">
          {(['style', 'content'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={kind === k}
              className="segment"
              onClick={() => setKind(k)}
              title={KIND_HINTS[k]}
            >
              {k}
            </button>
          ))}
        </div>
        <Button type="submit" busy={create.pending} data-testid="new-set-create">
          Create set
        </Button>
      </div>
      <ErrorMessage error={create.error} onDismiss={create.clearError} />
    </form>
  );
}
