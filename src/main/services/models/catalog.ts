/**
 * The catalog of fetchable models: the built-in list (`@shared/model-catalog`), merged with a mirror's `catalog.json`
 * when `CEL_STUDIO_MODEL_MIRROR` names a mirror that serves one (to pin checksums and sizes, or add models).
 */
import { ZodError } from 'zod';
import { StudioError } from '@shared/errors';
import { CatalogEntry, MirrorCatalog, PUBLISHED_MODELS } from '@shared/model-catalog';

/** What {@link loadCatalog} found. */
export interface Catalog {
  entries: CatalogEntry[];
  /** The mirror's base URL (with a trailing slash), when one is set. */
  mirror?: string;
  /** What became of the mirror's catalog.json: merged, absent (404), or could not be read (why). */
  mirrorCatalog: 'unset' | 'merged' | 'absent' | { error: string };
}

/** How long a mirror may take to answer for its catalog.json before the built-in list is used alone. */
const CATALOG_TIMEOUT_MS = 5000;

/** The catalog, with `mirror`'s catalog.json merged in when it serves one; never throws for an unreachable mirror. */
export async function loadCatalog(mirror: string | undefined): Promise<Catalog> {
  const builtIn = PUBLISHED_MODELS.map((e) => ({ ...e }));
  if (!mirror) return { entries: builtIn, mirrorCatalog: 'unset' };
  let res: Response;
  try {
    res = await fetch(new URL('catalog.json', mirror), { signal: AbortSignal.timeout(CATALOG_TIMEOUT_MS) });
  } catch (err) {
    return { entries: builtIn, mirror, mirrorCatalog: { error: `${mirror} did not answer: ${causeOf(err)}` } };
  }
  if (res.status === 404) return { entries: builtIn, mirror, mirrorCatalog: 'absent' };
  if (!res.ok) return { entries: builtIn, mirror, mirrorCatalog: { error: `${mirror}catalog.json: HTTP ${res.status}` } };
  let parsed: MirrorCatalog;
  try {
    parsed = MirrorCatalog.parse(await res.json());
  } catch (err) {
    return { entries: builtIn, mirror, mirrorCatalog: { error: `${mirror}catalog.json is not a model catalog: ${firstLine(err)}` } };
  }
  return { entries: mergeCatalog(builtIn, parsed, mirror), mirror, mirrorCatalog: 'merged' };
}

/** Built-in entries overridden field by field by the mirror's, plus the mirror's new ones (which must be whole). */
export function mergeCatalog(builtIn: CatalogEntry[], mirrorCatalog: MirrorCatalog, mirror: string): CatalogEntry[] {
  const out = new Map(builtIn.map((e) => [e.name, e]));
  for (const m of mirrorCatalog.models) {
    const base = out.get(m.name);
    const defaults = { url: new URL(m.mirrorPath, mirror).href, title: m.name, licence: `as ${mirror} states`, homepage: mirror };
    out.set(m.name, CatalogEntry.parse(base ? { ...base, ...m } : { ...defaults, ...m }));
  }
  return [...out.values()];
}

/** The entry called `name`; NOT_FOUND naming what there is otherwise. */
export function catalogEntry(catalog: Catalog, name: string): CatalogEntry {
  const entry = catalog.entries.find((e) => e.name === name);
  if (!entry) {
    throw new StudioError('NOT_FOUND', `no model "${name}" in the catalog; there are: ${catalog.entries.map((e) => e.name).join(', ')}`, 'name');
  }
  return entry;
}

/** Where `entry` is fetched from: the mirror's copy when a mirror is set, else its published address. */
export function sourceOf(entry: CatalogEntry, mirror: string | undefined): string {
  return mirror ? new URL(entry.mirrorPath, mirror).href : entry.url;
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${CATALOG_TIMEOUT_MS / 1000} s`;
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

function firstLine(err: unknown): string {
  if (err instanceof ZodError) {
    const issue = err.issues[0]!;
    return `${issue.path.join('.') || 'the file'}: ${issue.message}`;
  }
  return String((err as Error).message).split('\n')[0]!.slice(0, 200);
}
