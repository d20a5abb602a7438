import { useCallback, useRef, useState } from 'react';
import type { ActionResult, ItemStatus, SetItem } from '@shared/curation';
import type { StudioError } from '@shared/errors';
import { plural } from '../../../lib/format';
import { asStudioError, useStudio } from '../../../transport';

/** The line shown after an action; `undoable` adds the Undo button and the "U to undo" hint. */
export interface Toast {
  id: number;
  message: string;
  undoable: boolean;
}

export type CurationActionName = 'decide' | 'tag' | 'undo' | 'rejectDuplicates' | 'emptyBin';

const DECIDED: Record<ItemStatus, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  unreviewed: 'Marked unreviewed:',
};

export interface CurationActions {
  decide: (itemIds: readonly number[], status: ItemStatus) => void;
  tag: (itemIds: readonly number[], tag: string, add: boolean) => Promise<boolean>;
  undo: () => void;
  rejectDuplicates: (dedupeDistance: number) => void;
  emptyBin: () => Promise<boolean>;
  /** The action still waiting for its answer, for busy buttons (the last started). */
  pending: CurationActionName | null;
  toast: Toast | null;
  dismissToast: () => void;
  error: StudioError | null;
  clearError: () => void;
}

/**
 * The undoable curation calls of one set, with the toast that reports each and offers Undo. Decisions are shown
 * at once (patched into the loaded items) and `onChanged` refetches the truth after every answer.
 */
export function useCurationActions(
  setId: number,
  { onChanged, patch, onRemoved }: { onChanged: () => void; patch: (ids: readonly number[], change: Partial<SetItem>) => void; onRemoved: () => void },
): CurationActions {
  const api = useStudio();
  const [toast, setToast] = useState<Toast | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const [pending, setPending] = useState<CurationActionName | null>(null);
  const toastSeq = useRef(0);
  const inFlight = useRef(0);

  const show = useCallback((message: string, undoable: boolean) => {
    setToast({ id: ++toastSeq.current, message, undoable });
  }, []);

  const run = useCallback(
    async <T,>(name: CurationActionName, call: () => Promise<T>, report: (result: T) => void): Promise<boolean> => {
      inFlight.current++;
      setPending(name);
      setError(null);
      try {
        report(await call());
        return true;
      } catch (err) {
        setError(asStudioError(err));
        return false;
      } finally {
        if (--inFlight.current === 0) setPending(null);
        onChanged();
      }
    },
    [onChanged],
  );

  const undoableToast = useCallback(
    (result: ActionResult, message: string, nothing: string) => {
      if (result.changed === 0 || result.actionId === null) show(nothing, false);
      else show(`${message} — U to undo`, true);
    },
    [show],
  );

  const decide = useCallback(
    (itemIds: readonly number[], status: ItemStatus) => {
      if (itemIds.length === 0) return;
      patch(itemIds, { status });
      void run(
        'decide',
        () => api.call('items.decide', { setId, itemIds: [...itemIds], status }),
        (r) => undoableToast(r, `${DECIDED[status]} ${r.changed.toLocaleString('en-US')}`, `Already ${status}`),
      );
    },
    [api, setId, patch, run, undoableToast],
  );

  const tag = useCallback(
    (itemIds: readonly number[], tagName: string, add: boolean) =>
      run(
        'tag',
        () => api.call('items.tag', { setId, itemIds: [...itemIds], tag: tagName, add }),
        (r) =>
          undoableToast(
            r,
            add ? `Tagged ${plural(r.changed, 'item')} “${tagName}”` : `Removed “${tagName}” from ${plural(r.changed, 'item')}`,
            add ? `Already tagged “${tagName}”` : `Not tagged “${tagName}”`,
          ),
      ),
    [api, setId, run, undoableToast],
  );

  const undo = useCallback(() => {
    void run(
      'undo',
      () => api.call('curation.undo', { setId }),
      // The service words it already ("Undid: accepted 1 item", or "Nothing to undo").
      (r) => show(r.description, false),
    );
  }, [api, setId, run, show]);

  const rejectDuplicates = useCallback(
    (dedupeDistance: number) => {
      void run(
        'rejectDuplicates',
        () => api.call('curation.rejectDuplicates', { setId, dedupeDistance }),
        (r) => undoableToast(r, `Rejected ${plural(r.changed, 'duplicate')}, kept the sharpest of each`, 'No duplicates to reject'),
      );
    },
    [api, setId, run, undoableToast],
  );

  const emptyBin = useCallback(
    () =>
      run(
        'emptyBin',
        () => api.call('bin.empty', { setId }),
        (r) => {
          show(`Deleted ${plural(r.removed, 'item')} from the bin for good (${plural(r.filesDeleted, 'file')} freed)`, false);
          onRemoved();
        },
      ),
    [api, setId, run, show, onRemoved],
  );

  const dismissToast = useCallback(() => setToast(null), []);
  const clearError = useCallback(() => setError(null), []);
  return { decide, tag, undo, rejectDuplicates, emptyBin, pending, toast, dismissToast, error, clearError };
}
