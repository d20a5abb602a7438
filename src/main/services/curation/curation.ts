/**
 * Curation of a set: decisions and tags recorded in an undo log, duplicate cleanup, and the bin. Every action
 * is one transaction, so a crash never leaves half a decision; nothing is deleted until the bin is emptied.
 */
import type { ActionResult, ItemFilter, ItemQueryResult, ItemSortKey, ItemStatus, SetStats } from '@shared/curation';
import { StudioError } from '@shared/errors';
import type { Library } from '../library/library';
import { deleteUnreferencedImages } from '../library/images-table';
import { deleteRejected, itemStatuses, setItemRow, setItemRows, setItemStatus, type ItemRow } from '../library/set-images-table';
import { cropRects, type CropRect } from '../frames/analysis';
import { getSet } from '../library/sets-table';
import { clearLog, lastUndoable, markUndone, recordAction, type Change } from './curation-log-table';
import { clusterItems, queryItems, type ClusterMap } from './item-query';
import { hasTag, setTag, tagCounts } from './set-image-tags-table';
import { setStats } from './set-stats';

const VERB: Record<ItemStatus, string> = { accepted: 'Accepted', rejected: 'Rejected', unreviewed: 'Reset' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Curation operations on the sets of one library. */
export class Curation {
  /**
   * Clusters of the last query per set. The grid asks for page after page while scrolling, and clustering
   * 10,000 hashes costs ~120 ms, so it is redone only when the set's members or its bin change.
   */
  private readonly clusterCache = new Map<number, { key: string; clusters: ClusterMap }>();

  constructor(private readonly library: Library) {}

  private clustersOf(setId: number, rows: readonly ItemRow[], distance: number): ClusterMap {
    let maxId = 0;
    let rejected = 0;
    for (const r of rows) {
      maxId = Math.max(maxId, r.id);
      if (r.status === 'rejected') rejected += r.id;
    }
    const key = `${distance}:${rows.length}:${maxId}:${rejected}`;
    const cached = this.clusterCache.get(setId);
    if (cached?.key === key) return cached.clusters;
    const clusters = clusterItems(rows, distance);
    this.clusterCache.set(setId, { key, clusters });
    return clusters;
  }

  private requireSet(setId: number): void {
    if (!getSet(this.library.store.db, setId)) throw new StudioError('NOT_FOUND', `no set with id ${setId}`, 'setId');
  }

  /** Filters, sorts and pages a set's items. */
  query(
    setId: number,
    q: { filter: ItemFilter; sort: { by: ItemSortKey; dir: 'asc' | 'desc' }; dedupeDistance: number; offset: number; limit: number },
  ): ItemQueryResult {
    this.requireSet(setId);
    const rows = setItemRows(this.library.store.db, setId);
    return queryItems(rows, this.clustersOf(setId, rows, q.dedupeDistance), q);
  }

  /** Sets the status of items; records the change for undo. */
  decide(setId: number, itemIds: readonly number[], status: ItemStatus): ActionResult {
    this.requireSet(setId);
    const current = this.ownItems(setId, itemIds);
    const changes: Change[] = [];
    for (const [id, before] of current) if (before !== status) changes.push({ itemId: id, field: 'status', before, after: status });
    return this.apply(setId, `${VERB[status]} ${plural(changes.length, 'item')}`, changes);
  }

  /** Adds or removes a tag on items; records the change for undo. */
  tag(setId: number, itemIds: readonly number[], tag: string, add: boolean): ActionResult {
    this.requireSet(setId);
    const db = this.library.store.db;
    const changes: Change[] = [];
    for (const id of this.ownItems(setId, itemIds).keys()) {
      const had = hasTag(db, id, tag);
      if (had !== add) changes.push({ itemId: id, field: 'tag', tag, before: had ? '1' : '0', after: add ? '1' : '0' });
    }
    const verb = add ? `Tagged ${plural(changes.length, 'item')} "${tag}"` : `Untagged "${tag}" from ${plural(changes.length, 'item')}`;
    return this.apply(setId, verb, changes);
  }

  /** Rejects every near-duplicate but the sharpest of its cluster. */
  rejectDuplicates(setId: number, distance: number): ActionResult {
    this.requireSet(setId);
    const rows = setItemRows(this.library.store.db, setId);
    const clusters = this.clustersOf(setId, rows, distance);
    const changes: Change[] = [];
    for (const r of rows) {
      const c = clusters.get(r.id);
      if (c && !c.best) changes.push({ itemId: r.id, field: 'status', before: r.status, after: 'rejected' });
    }
    const groups = new Set([...clusters.values()].map((c) => c.cluster)).size;
    return this.apply(setId, `Rejected ${plural(changes.length, 'near-duplicate')} (kept the sharpest of ${plural(groups, 'group')})`, changes);
  }

  /** Reverts the set's last action not yet undone. */
  undo(setId: number): ActionResult {
    this.requireSet(setId);
    const action = lastUndoable(this.library.store.db, setId);
    if (!action) return { actionId: null, changed: 0, description: 'Nothing to undo' };
    this.library.store.write((tx) => {
      for (const c of action.changes) {
        if (c.field === 'status') setItemStatus(tx, c.itemId, c.before as ItemStatus);
        else setTag(tx, c.itemId, c.tag!, c.before === '1');
      }
      markUndone(tx, action.id);
    });
    // "Undid: accepted 1 item": the action's own description, read on after the colon.
    const what = action.description.charAt(0).toLowerCase() + action.description.slice(1);
    return { actionId: action.id, changed: action.changes.length, description: `Undid: ${what}` };
  }

  /** Deletes the set's rejected items and the stored files no set uses any more. */
  async emptyBin(setId: number): Promise<{ removed: number; filesDeleted: number }> {
    this.requireSet(setId);
    const { removed, gone } = this.library.store.write((tx) => {
      const removed = deleteRejected(tx, setId);
      clearLog(tx, setId);
      return { removed, gone: deleteUnreferencedImages(tx) };
    });
    // Files go after the rows are committed: a crash in between leaves only unreferenced files, never rows
    // pointing at missing files.
    let filesDeleted = 0;
    for (const img of gone) filesDeleted += await this.library.files.remove(img.hash, img.format);
    return { removed, filesDeleted };
  }

  /**
   * Training-crop rectangles of one item in its own pixel coordinates. Crops of an image smaller than `size` are
   * planned on an upscaled copy (see cropRects) and mapped back, so the preview shows what the crop covers.
   */
  crops(setId: number, itemId: number, size: number, count: number, seed: number): CropRect[] {
    this.ownItems(setId, [itemId]);
    const row = setItemRow(this.library.store.db, itemId)!;
    const plan = cropRects(row.width, row.height, size, count, seed);
    const k = plan.resizeTo ? row.width / plan.resizeTo.width : 1;
    return plan.crops.map((r) => ({ x: r.x * k, y: r.y * k, width: r.width * k, height: r.height * k }));
  }

  /** Statistics of a set. */
  stats(setId: number): SetStats {
    this.requireSet(setId);
    const db = this.library.store.db;
    return setStats(setItemRows(db, setId), tagCounts(db, setId));
  }

  private ownItems(setId: number, itemIds: readonly number[]): Map<number, ItemStatus> {
    const found = itemStatuses(this.library.store.db, setId, itemIds);
    const missing = itemIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new StudioError('NOT_FOUND', `${plural(missing.length, 'item')} not in this set (first: ${missing[0]})`, 'itemIds');
    }
    return found;
  }

  private apply(setId: number, description: string, changes: Change[]): ActionResult {
    if (changes.length === 0) return { actionId: null, changed: 0, description: 'Nothing changed' };
    const actionId = this.library.store.write((tx) => {
      for (const c of changes) {
        if (c.field === 'status') setItemStatus(tx, c.itemId, c.after as ItemStatus);
        else setTag(tx, c.itemId, c.tag!, c.after === '1');
      }
      return recordAction(tx, setId, description, changes);
    });
    return { actionId, changed: changes.length, description };
  }
}
