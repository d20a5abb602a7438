/** Display formatting of the training area. */

// Formatters are built once: toLocaleString builds one per call, which shows up when charts redraw.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MEASURE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const DAY_TIME = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const DAY_YEAR = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A parameter count at full width: "2,140,948". */
export function formatCount(n: number): string {
  return WHOLE.format(Math.round(n));
}

/** A parameter count in millions, for estimates: "0.13 M". */
export function formatMillions(n: number): string {
  const m = n / 1e6;
  return `${m < 1 ? m.toPrecision(2) : m.toFixed(m < 10 ? 2 : 1)} M`;
}

/** A measure with four significant digits (losses span 1e-3..1e3); "—" when missing. */
export function formatMeasure(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return MEASURE.format(Number(value.toPrecision(4)));
}

/** A loss weight: three significant digits, no exponent for the 0.1..10,000 range. */
export function formatWeight(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return String(Number(value.toPrecision(3)));
}

/** A step count with separators. */
export function formatStep(step: number): string {
  return WHOLE.format(step);
}

/** "3 Jan 10:00" in the user's locale, or the date alone when it is not this year. */
export function formatCreated(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (d.getFullYear() === new Date().getFullYear() ? DAY_TIME : DAY_YEAR).format(d);
}
