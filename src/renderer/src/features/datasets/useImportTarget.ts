import { useState } from 'react';
import { IMPORT_SET_KIND, type ImportSource } from '@shared/import-defaults';
import type { JobSummary, SetKind, SetSummary } from '@shared/library';
import { useAction, type ActionState } from '../../transport';
import { defaultTarget, describeTarget, findSet, setsOfKind, type ImportTarget } from './importTarget';

/** Name of the set an import makes when the library has none of its kind yet. */
const NEW_SET_BASE: Record<ImportSource, string> = { photos: 'photos', video: 'frames' };

/** What a form that imports into a set is given by the import panel. */
export interface ImportIntoSetProps {
  sets: SetSummary[];
  /** The set selected in the sets list: the target while it is of the import's kind. */
  selectedSet: SetSummary | null;
  /** A set was created inline (the page lists and selects it). */
  onSetCreated: (set: SetSummary) => void;
  /** The import started (the panel adds it to the live job list). */
  onStarted: (job: JobSummary, setName: string) => void;
}

/** The set an import form fills: its kind, the sets it offers, the name typed, and inline creation. */
export interface ImportTargetState {
  kind: SetKind;
  setKind: (kind: SetKind) => void;
  /** The sets of `kind`, largest first. */
  offered: SetSummary[];
  name: string;
  setName: (name: string) => void;
  target: ImportTarget;
  /** "New set…" was chosen: the name field waits for the new set's name. */
  creating: boolean;
  startNew: () => void;
  pick: (set: SetSummary) => void;
  /** Creates the typed new set now (`sets.create`) with `kind`, and picks it. */
  createNow: () => Promise<void>;
  create: Pick<ActionState<'sets.create'>, 'pending' | 'error' | 'clearError'>;
}

/**
 * The target of an import from `source`: of the kind the contract gives that import until the user switches it,
 * into the selected set when it is of that kind, else the largest such set, until the user types or picks another.
 */
export function useImportTarget({
  source,
  sets,
  selected,
  onCreated,
}: {
  source: ImportSource;
  sets: SetSummary[];
  selected: SetSummary | null;
  /** A set was created inline (the page lists and selects it). */
  onCreated: (set: SetSummary) => void;
}): ImportTargetState {
  const create = useAction('sets.create');
  const [kind, setKindState] = useState<SetKind>(IMPORT_SET_KIND[source]);
  const [draft, setDraft] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const name = draft ?? defaultTarget(sets, kind, selected, NEW_SET_BASE[source]);
  const target = describeTarget(sets, name, kind);

  return {
    kind,
    // A picked set belongs to the old kind, so the new kind starts from its own default; a new name is kept.
    setKind(next) {
      if (draft !== null && findSet(sets, draft)) setDraft(null);
      setKindState(next);
    },
    offered: setsOfKind(sets, kind),
    name,
    setName: setDraft,
    target,
    creating,
    startNew() {
      setDraft('');
      setCreating(true);
      create.clearError();
    },
    pick(set) {
      setDraft(set.name);
      setCreating(false);
      create.clearError();
    },
    async createNow() {
      if (target.state !== 'new') return;
      const set = await create.run({ name: target.name, kind });
      if (!set) return;
      setDraft(set.name);
      setCreating(false);
      onCreated(set);
    },
    create,
  };
}
