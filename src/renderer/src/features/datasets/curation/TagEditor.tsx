import { useId, useState } from 'react';
import { Form } from '../../../components/ui';

/** An item's tags as removable chips, plus a field to add one (suggesting the set's existing tags). */
export function TagEditor({
  tags,
  known,
  busy,
  onChange,
}: {
  tags: readonly string[];
  known: readonly string[];
  busy: boolean;
  /** Adds or removes one tag; resolves true when the service took it. */
  onChange: (tag: string, add: boolean) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState('');
  const listId = useId();

  async function onSubmit() {
    const tag = draft.trim();
    if (!tag || tags.includes(tag)) return;
    if (await onChange(tag, true)) setDraft('');
  }

  return (
    <div className="tag-editor">
      <ul className="tag-list" data-testid="detail-tags">
        {tags.length === 0 && <li className="muted small">No tags</li>}
        {tags.map((tag) => (
          <li key={tag} className="chip chip-removable" data-tag={tag}>
            {tag}
            <button type="button" aria-label={`Remove tag ${tag}`} data-testid="tag-remove" disabled={busy} onClick={() => void onChange(tag, false)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <Form className="tag-add" onSubmit={onSubmit}>
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            // Escape leaves the field, back to the view's keys, without closing the view.
            if (e.key === 'Escape') {
              e.stopPropagation();
              e.currentTarget.closest<HTMLElement>('[tabindex="-1"]')?.focus();
            }
          }}
          placeholder="Add a tag…"
          maxLength={40}
          list={listId}
          aria-label="New tag"
          data-testid="detail-tag-input"
        />
        <datalist id={listId}>
          {known
            .filter((t) => !tags.includes(t))
            .map((t) => (
              <option key={t} value={t} />
            ))}
        </datalist>
        <button type="submit" className="btn btn-secondary btn-small" disabled={busy || !draft.trim()} data-testid="detail-tag-add">
          Add
        </button>
      </Form>
    </div>
  );
}
