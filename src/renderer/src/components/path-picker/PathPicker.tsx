import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { defaultPickTitle, MAX_BROWSE_ENTRIES, type BrowseEntry, type FolderListing } from '@shared/browse';
import type { StudioError } from '@shared/errors';
import { PATH_KIND_LABELS, PATH_KIND_NOUNS, type PathKind } from '@shared/file-kinds';
import { formatFileSize } from '../../lib/format';
import { asStudioError, useStudio } from '../../transport';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ToggleButton } from '../ui/ToggleButton';
import { chosenPath, crumbsOf, isPlainName, joinPath, lastSegment, startTries, typeAhead } from './pickerPaths';
import './path-picker.css';

/** What to list next: the paths to try in order (undefined: home), with the filter. */
interface Target {
  tries: (string | undefined)[];
  kind: PathKind;
  hidden: boolean;
}

/** Entries a PageUp / PageDown moves. */
const PAGE = 10;
/** Pause after which type-ahead starts a new prefix. */
const TYPE_AHEAD_MS = 700;

/**
 * Web mode's file and folder picker, served by the studio (`fs.browse`): the home folder and the open library,
 * a breadcrumb, and the folder's subfolders and files of `kind`. Arrow keys, Home/End and typing move; Enter or a
 * double click opens a folder or chooses a file; Backspace goes up; Escape cancels. Saving (`save`) takes a
 * folder and a typed name.
 */
export function PathPicker({
  kind,
  save,
  start,
  title,
  onChoose,
  onCancel,
}: {
  kind: PathKind;
  save: boolean;
  /** The field's value: the picker opens there (or in its folder), else in the home folder. */
  start: string;
  title?: string | undefined;
  onChoose: (path: string) => void;
  onCancel: () => void;
}) {
  const api = useStudio();
  const ids = useId();
  const [target, setTarget] = useState<Target>(() => ({ tries: startTries(start, save, kind), kind, hidden: false }));
  const [loaded, setLoaded] = useState<Target | null>(null);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const [active, setActive] = useState(-1);
  const [name, setName] = useState(() => (save && kind !== 'folder' ? lastSegment(start.trim()) : ''));
  const list = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const typed = useRef({ text: '', at: 0 });

  useEffect(() => {
    let current = true;
    void (async () => {
      let failure: StudioError | null = null;
      for (const [i, path] of target.tries.entries()) {
        try {
          const next = await api.call('fs.browse', { ...(path === undefined ? {} : { path }), kind: target.kind, hidden: target.hidden });
          if (!current) return;
          setListing(next);
          setActive(next.selected === null ? -1 : next.entries.findIndex((e) => e.path === next.selected));
          setError(null);
          setLoaded(target);
          // A folder to make that is not there yet opens in its parent, with its name typed in.
          if (save && kind === 'folder' && i === 1 && target.tries[0] === start.trim()) setName(lastSegment(start.trim()));
          return;
        } catch (err) {
          failure = asStudioError(err);
        }
      }
      if (!current) return;
      setError(failure);
      setLoaded(target);
    })();
    return () => {
      current = false;
    };
  }, [api, target, save, kind, start]);

  useEffect(() => list.current?.focus(), []);
  useEffect(() => {
    if (active >= 0) document.getElementById(`${ids}-entry-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, ids]);

  const entries = listing?.entries ?? [];
  const activeEntry = entries[active] ?? null;
  const nameOk = isPlainName(name);
  const choice = listing && nameOk ? chosenPath({ kind, save, folder: listing.path, active: activeEntry, name }) : null;
  const busy = loaded !== target;
  const filterKind = target.kind;

  const go = (path: string): void => setTarget({ tries: [path], kind: filterKind, hidden: target.hidden });
  const refilter = (patch: Partial<Target>): void => {
    if (listing) setTarget({ tries: [listing.path], kind: filterKind, hidden: target.hidden, ...patch });
  };
  const choose = (path: string | null): void => {
    if (path !== null) onChoose(path);
  };
  /** Opens a folder, or chooses a file (saving: writes to that name). */
  const activate = (entry: BrowseEntry): void => {
    if (entry.kind === 'folder') go(entry.path);
    else if (save) {
      setName(entry.name);
      choose(joinPath(listing!.path, entry.name));
    } else choose(entry.path);
  };
  const highlight = (i: number): void => {
    setActive(i);
    const entry = entries[i];
    if (save && kind !== 'folder' && entry?.kind === 'file') setName(entry.name);
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const last = entries.length - 1;
    if (e.key === 'ArrowDown') highlight(Math.min(active + 1, last));
    else if (e.key === 'ArrowUp') highlight(Math.max(active - 1, 0));
    else if (e.key === 'PageDown') highlight(Math.min(active + PAGE, last));
    else if (e.key === 'PageUp') highlight(Math.max(active - PAGE, 0));
    else if (e.key === 'Home') highlight(0);
    else if (e.key === 'End') highlight(last);
    else if (e.key === 'Enter') {
      if (activeEntry) activate(activeEntry);
      else choose(choice);
    } else if (e.key === 'Backspace' || (e.key === 'ArrowUp' && e.altKey)) {
      if (listing?.parent) go(listing.parent);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && entries.length > 0) {
      const now = Date.now();
      const text = now - typed.current.at > TYPE_AHEAD_MS ? e.key : typed.current.text + e.key;
      typed.current = { text, at: now };
      const found = typeAhead(entries, active, text);
      if (found >= 0) highlight(found);
    } else return;
    e.preventDefault();
  };

  // Modal: Escape cancels, Tab stays inside, and no key reaches the page's own shortcuts.
  const onDialogKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Tab') {
      const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('button:not(:disabled), input:not(:disabled), [tabindex="0"]') ?? [])];
      const first = focusable[0];
      const lastOne = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        lastOne?.focus();
      } else if (!e.shiftKey && document.activeElement === lastOne) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  const crumbs = listing ? crumbsOf(listing.path, listing.roots) : [];
  const heading = title ?? defaultPickTitle({ kind, save });
  const what = filterKind === 'folder' ? 'folders' : filterKind === 'any' ? 'folders or files' : `folders or ${PATH_KIND_LABELS[filterKind].toLowerCase()}`;

  return createPortal(
    // Rendered over the page, but React passes its events up the tree it sits in: they stop here.
    <div
      className="backdrop picker-backdrop"
      onMouseDown={(e) => {
        e.stopPropagation();
        if (e.target === e.currentTarget) onCancel();
      }}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <div
        ref={dialog}
        className="modal picker"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        data-testid="path-picker"
        data-path={listing?.path ?? ''}
        aria-busy={busy || undefined}
        onKeyDown={onDialogKey}
      >
        <header className="picker-head">
          <h2 id={`${ids}-title`}>{heading}</h2>
          <div className="picker-roots" role="group" aria-label="Places">
            {(listing?.roots ?? []).map((r) => (
              <ToggleButton key={r.path} className="btn btn-small" title={r.path} on={crumbs[0]?.path === r.path} onClick={() => go(r.path)} data-testid="path-picker-root" data-label={r.label}>
                {r.label}
              </ToggleButton>
            ))}
          </div>
        </header>
        <div className="picker-bar">
          <Button className="btn-small" disabled={!listing?.parent} onClick={() => listing?.parent && go(listing.parent)} title="Up one folder (Backspace)" data-testid="path-picker-up">
            ↑ Up
          </Button>
          <nav className="picker-crumbs" aria-label="Folder">
            {crumbs.map((c, i) =>
              i === crumbs.length - 1 ? (
                <span key={c.path} className="picker-crumb" aria-current="location" title={c.path} data-testid="path-picker-crumb">
                  {c.label}
                </span>
              ) : (
                <button key={c.path} type="button" className="picker-crumb" title={c.path} onClick={() => go(c.path)} data-testid="path-picker-crumb">
                  {c.label}
                </button>
              ),
            )}
          </nav>
          {busy && <span className="spinner" aria-label="Loading" />}
        </div>
        <ErrorMessage error={error} onDismiss={() => setError(null)} />
        <div
          ref={list}
          className="picker-list"
          role="listbox"
          tabIndex={0}
          aria-label={listing ? `Contents of ${listing.path}` : 'Contents'}
          aria-activedescendant={active >= 0 ? `${ids}-entry-${active}` : undefined}
          onKeyDown={onListKey}
          data-testid="path-picker-list"
        >
          {entries.map((entry, i) => (
            <div
              key={entry.path}
              id={`${ids}-entry-${i}`}
              role="option"
              aria-selected={i === active}
              className={`picker-entry picker-${entry.kind}`}
              title={entry.path}
              onClick={() => highlight(i)}
              onDoubleClick={() => activate(entry)}
              data-testid="path-picker-entry"
              data-name={entry.name}
              data-kind={entry.kind}
            >
              <span className="picker-icon" aria-hidden="true" />
              <span className="picker-name">{entry.name}</span>
              {entry.bytes !== undefined && <span className="picker-size num">{formatFileSize(entry.bytes)}</span>}
            </div>
          ))}
          {listing && entries.length === 0 && <p className="picker-empty muted">No {what} here.</p>}
        </div>
        {listing?.truncated && (
          <p className="muted small" data-testid="path-picker-truncated">
            Showing the first {MAX_BROWSE_ENTRIES.toLocaleString('en-US')} entries of a larger folder.
          </p>
        )}
        <div className="picker-options">
          <Checkbox label="Hidden files" checked={target.hidden} onChange={(e) => refilter({ hidden: e.target.checked })} data-testid="path-picker-hidden" />
          {kind !== 'folder' && kind !== 'any' && (
            <Checkbox
              label="All files"
              checked={filterKind === 'any'}
              onChange={(e) => refilter({ kind: e.target.checked ? 'any' : kind })}
              data-testid="path-picker-all"
            />
          )}
        </div>
        {save && (
          <div className="field picker-name-field">
            <label htmlFor={`${ids}-name`}>{kind === 'folder' ? 'New folder inside (optional)' : 'File name'}</label>
            <input
              id={`${ids}-name`}
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  choose(choice);
                }
              }}
              aria-invalid={!nameOk || undefined}
              data-testid="path-picker-name"
            />
            {!nameOk && <span className="field-hint field-hint-error">A name only, without / or \.</span>}
          </div>
        )}
        <footer className="picker-foot">
          <span className="picker-choice mono" title={choice ?? undefined} data-testid="path-picker-choice">
            {choice ?? (save ? 'Type a name' : `Select ${PATH_KIND_NOUNS[kind]}`)}
          </span>
          <Button onClick={onCancel} data-testid="path-picker-cancel">
            Cancel
          </Button>
          <Button variant="primary" disabled={choice === null || busy} onClick={() => choose(choice)} data-testid="path-picker-choose">
            Choose
          </Button>
        </footer>
      </div>
    </div>,
    document.body,
  );
}
