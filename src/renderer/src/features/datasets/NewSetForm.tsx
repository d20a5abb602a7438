import { useState } from 'react';
import type { SetKind, SetSummary } from '@shared/library';
import { Button, Field, Form, FormAlerts, useActionForm } from '../../components/ui';
import { useAction } from '../../transport';
import { SetKindToggle } from './SetKindToggle';

/** Name + kind -> `sets.create`. */
export function NewSetForm({ onCreated }: { onCreated: (set: SetSummary) => void }) {
  const create = useAction('sets.create');
  const { form } = useActionForm(create);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SetKind>('style');

  async function onSubmit() {
    const set = await create.run({ name, kind });
    if (set) {
      setName('');
      onCreated(set);
    }
  }

  return (
    <Form className="new-set" onSubmit={onSubmit} {...form} aria-label="New set">
      <h3 className="subheading">New set</h3>
      <Field label="Name" name="name" placeholder="e.g. Ghibli skies" value={name} onValue={setName} data-testid="new-set-name" />
      <div className="new-set-row">
        <SetKindToggle kind={kind} onChange={setKind} label="Kind" testId="new-set-kind" />
        <Button type="submit" busy={create.pending} data-testid="new-set-create">
          Create set
        </Button>
      </div>
      <FormAlerts action={create} />
    </Form>
  );
}
