import { sourceFolderOf, type SetStats } from '@shared/curation';
import { baseName, plural } from '../../../lib/format';
import type { SourceChoice } from './query';

/** Up to this many sources are listed one by one; past it, a kind with more sources is listed by folder. */
export const SOURCES_LISTED = 12;

type Source = SetStats['sources'][number];
type Kind = Source['kind'];

/** One entry of the Source filter. */
export interface SourceOption {
  /** The `<option>` value ({@link sourceValue} of `choice`). */
  value: string;
  label: string;
  /** The full path, on hover. */
  title: string;
  choice: SourceChoice;
}

/** Entries under a heading (`<optgroup>`), or without one (label null). */
export interface SourceGroup {
  label: string | null;
  options: SourceOption[];
}

const KIND_LABEL: Record<Kind, string> = { video: 'Videos', photo: 'Photos' };
const n = (x: number) => x.toLocaleString('en-US');

/** The `<option>` value of a choice. */
export function sourceValue(choice: SourceChoice): string {
  return choice.kind === 'file' ? `file:${choice.path}` : `folder:${choice.sourceKind}:${choice.folder}`;
}

/** The choice an `<option>` value stands for; '' (all sources) and anything unknown give null. */
export function parseSourceValue(value: string): SourceChoice | null {
  if (value.startsWith('file:')) return { kind: 'file', path: value.slice('file:'.length) };
  const m = /^folder:(photo|video):/.exec(value);
  return m ? { kind: 'folder', sourceKind: m[1] as Kind, folder: value.slice(m[0].length) } : null;
}

function fileOption(s: Source): SourceOption {
  const choice: SourceChoice = { kind: 'file', path: s.path };
  return { value: sourceValue(choice), label: `${baseName(s.path)} (${n(s.count)})`, title: s.path, choice };
}

function folderOptions(kind: Kind, sources: readonly Source[]): SourceOption[] {
  const folders = new Map<string, { files: number; items: number }>();
  for (const s of sources) {
    const key = sourceFolderOf(s.path);
    const f = folders.get(key) ?? { files: 0, items: 0 };
    f.files += 1;
    f.items += s.count;
    folders.set(key, f);
  }
  return [...folders]
    .sort(([a, x], [b, y]) => y.items - x.items || a.localeCompare(b))
    .map(([folder, f]) => {
      const choice: SourceChoice = { kind: 'folder', sourceKind: kind, folder };
      const what = kind === 'photo' ? plural(f.files, 'photo') : `${plural(f.files, 'clip')}, ${plural(f.items, 'frame')}`;
      return {
        value: sourceValue(choice),
        label: `${baseName(folder) || folder || '(no folder)'}/ (${what})`,
        title: `Every ${kind} in ${folder || 'no folder'}`,
        choice,
      };
    });
}

/**
 * The Source filter's entries. A short list (up to {@link SOURCES_LISTED}) names every file, as before; a longer
 * one is split into Videos and Photos, and a kind with more than {@link SOURCES_LISTED} files (typically a photo
 * import) is listed by folder instead, so a hundred photos are one entry, not a hundred.
 */
export function sourceGroups(sources: readonly Source[]): SourceGroup[] {
  if (sources.length <= SOURCES_LISTED) return sources.length === 0 ? [] : [{ label: null, options: sources.map(fileOption) }];
  const groups: SourceGroup[] = [];
  for (const kind of ['video', 'photo'] as const) {
    const ofKind = sources.filter((s) => s.kind === kind);
    if (ofKind.length === 0) continue;
    const options = ofKind.length <= SOURCES_LISTED ? ofKind.map(fileOption) : folderOptions(kind, ofKind);
    groups.push({ label: KIND_LABEL[kind], options });
  }
  return groups;
}

/** A short label for a choice no entry lists any more (e.g. its items were removed). */
export function sourceLabel(choice: SourceChoice): string {
  return choice.kind === 'file' ? baseName(choice.path) : `${baseName(choice.folder) || choice.folder}/ (${choice.sourceKind}s)`;
}
