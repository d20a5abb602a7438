import type { TimeRange } from '@shared/convert';

/** The part of a clip to convert, as typed: the whole clip, or start and end in seconds. */
export interface RangeForm {
  whole: boolean;
  start: string;
  end: string;
}

export const WHOLE_CLIP: RangeForm = { whole: true, start: '', end: '' };

/** Seconds as typed into a field: millisecond precision, no trailing zeros. */
export function secondsText(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}

/** The range to send (null: whole clip), or what is wrong with it. */
export function parseRange(form: RangeForm, durationSeconds: number): { range: TimeRange | null } | { problem: string; field: 'start' | 'end' } {
  if (form.whole) return { range: null };
  const start = form.start.trim() === '' ? 0 : Number(form.start);
  const end = form.end.trim() === '' ? durationSeconds : Number(form.end);
  if (!Number.isFinite(start) || start < 0) return { problem: 'The start must be a number of seconds, 0 or more.', field: 'start' };
  if (!Number.isFinite(end) || end <= 0) return { problem: 'The end must be a number of seconds.', field: 'end' };
  if (start >= durationSeconds) return { problem: `The start lies past the end of the clip (${secondsText(durationSeconds)} s).`, field: 'start' };
  if (end <= start) return { problem: 'The range ends before it starts.', field: 'end' };
  return { range: { startSeconds: start, endSeconds: Math.min(end, durationSeconds) } };
}

/** Whether the typed end lies past the clip's end (the range then stops where the clip does, which the page says). */
export function endPastClip(form: RangeForm, durationSeconds: number): boolean {
  return !form.whole && form.end.trim() !== '' && Number(form.end) > durationSeconds;
}
