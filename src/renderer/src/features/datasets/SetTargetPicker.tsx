import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useFormEdited, useNamedProblem } from '../../components/ui';
import { SetKindToggle } from './SetKindToggle';
import type { ImportTargetState } from './useImportTarget';

/**
 * "Into set" for an import: the kind of set, then a name field whose list (▾, or the down arrow) offers only the
 * sets of that kind, largest first, and "New <kind> set…". Typing a name still works: an unknown one is a new set
 * of the kind shown, which the import (or Create, in {@link SetTargetNote}) makes. Inside a Form, a problem naming
 * `setName` marks it invalid.
 */
export function SetTargetPicker({ target, testId }: { target: ImportTargetState; testId: string }) {
  const id = useId();
  const invalid = useNamedProblem('setName');
  const edited = useFormEdited();
  const listId = `${id}-sets`;
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { kind, offered, target: typed } = target;
  const optionCount = offered.length + 1; // the sets, then "New set…"
  const optionId = (i: number) => `${listId}-${i}`;

  function show() {
    input.current?.focus(); // so that leaving the field closes the list
    const current = typed.state === 'existing' ? offered.indexOf(typed.set) : -1;
    setActive(Math.max(current, 0));
    setOpen(true);
  }

  function choose(i: number) {
    const set = offered[i];
    if (set) target.pick(set);
    else target.startNew();
    edited();
    setOpen(false);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) show();
      else setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : optionCount - 1)) % optionCount);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault(); // picks; it does not start the import
      choose(active);
    } else if (e.key === 'Enter' && target.creating && typed.state === 'new') {
      e.preventDefault();
      void target.createNow();
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="field set-picker">
      <label htmlFor={id}>Into set</label>
      <div className="set-picker-row">
        <SetKindToggle
          kind={kind}
          onChange={(k) => {
            target.setKind(k);
            edited();
          }}
          label="Kind of set"
          testId={`${testId}-kind`}
        />
        <div className="set-combo">
          <input
            ref={input}
            id={id}
            type="text"
            role="combobox"
            spellCheck={false}
            autoComplete="off"
            aria-autocomplete="none"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? optionId(active) : undefined}
            aria-invalid={invalid || undefined}
            placeholder={target.creating ? `name of the new ${kind} set` : undefined}
            value={target.name}
            onChange={(e) => target.setName(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
            data-testid={testId}
          />
          <button
            type="button"
            className="set-combo-toggle"
            tabIndex={-1}
            aria-label={`Show the ${kind} sets`}
            title={`Show the ${kind} sets`}
            onMouseDown={(e) => e.preventDefault()} // keeps the focus (and the list) in the field
            onClick={() => (open ? setOpen(false) : show())}
            data-testid={`${testId}-toggle`}
          >
            ▾
          </button>
          {open && (
            <ul className="set-options" id={listId} role="listbox" aria-label={`${kind} sets`} data-testid={`${testId}-options`}>
              {offered.map((set, i) => (
                <li
                  key={set.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className="set-option"
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(i)}
                  data-testid={`${testId}-option`}
                  data-set-name={set.name}
                >
                  <span className="set-option-name">{set.name}</span>
                  <span className="set-option-count num">{set.imageCount.toLocaleString('en-US')}</span>
                </li>
              ))}
              {offered.length === 0 && <li className="set-options-empty" role="presentation">No {kind} sets yet</li>}
              <li
                id={optionId(offered.length)}
                role="option"
                aria-selected={active === offered.length}
                className="set-option set-option-new"
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(offered.length)}
                onClick={() => choose(offered.length)}
                data-testid={`${testId}-new`}
              >
                New {kind} set…
              </li>
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
