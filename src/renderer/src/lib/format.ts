/** Display formatting shared by every area. */

/** Whole percent of `done` out of `total`; 0 when the total is not known yet. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

/** "12.3 images/s"; a dash until the rate is measurable. */
export function formatRate(perSecond: number, unit = 'images'): string {
  if (!(perSecond > 0)) return `— ${unit}/s`;
  const digits = perSecond < 10 ? 1 : 0;
  return `${perSecond.toFixed(digits)} ${unit}/s`;
}

/** "1:05" or "1:02:05" for seconds left; "—" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "1 image" / "3 images". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : pluralForm}`;
}

/** A file's size in decimal units, as file managers show it: "812 B", "4.2 kB", "1.3 MB", "12 GB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 9.95 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Last segment of a path, for either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Position in a clip as "mm:ss.ff" (ff = hundredths; minutes run past 59 for long films); "—" when unknown. */
export function formatSourceTime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const hundredths = Math.round(seconds * 100);
  const m = Math.floor(hundredths / 6000);
  const s = Math.floor((hundredths % 6000) / 100);
  return `${pad2(m)}:${pad2(s)}.${pad2(hundredths % 100)}`;
}

/** A measure with at most `digits` decimals and thousands separators; "—" when not measured. */
export function formatScore(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
