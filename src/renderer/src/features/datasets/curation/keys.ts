import type { ItemStatus } from '@shared/curation';

const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'range']);

/** True when keys belong to the element (typing in a field, choosing in a select), not to the grid. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.has(target.type);
}

/** Elements that space and Enter press natively (buttons, checkboxes): those keys stay theirs. */
function pressesNatively(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.tagName === 'BUTTON' || target.tagName === 'SUMMARY' || target.tagName === 'A' || target.tagName === 'INPUT';
}

export type Preview = 'original' | 'gray' | 'smooth';

/** 1, 2, 3 show the original, grey and smoothed views. */
const PREVIEW_KEYS: Partial<Record<string, Preview>> = { '1': 'original', '2': 'gray', '3': 'smooth' };
/** A (accept), R (reject, to the bin), N (back to unreviewed), either case. */
const DECISION_KEYS: Partial<Record<string, ItemStatus>> = { a: 'accepted', r: 'rejected', n: 'unreviewed' };

export type GridCommand =
  | { type: 'move'; by: number; extend: boolean }
  | { type: 'moveTo'; to: 'first' | 'last'; extend: boolean }
  | { type: 'decide'; status: ItemStatus }
  | { type: 'undo' }
  | { type: 'toggleDetail' }
  | { type: 'openDetail' }
  | { type: 'escape' }
  | { type: 'selectAll' }
  | { type: 'preview'; variant: Preview };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/**
 * What a key press means in the curation view, or null to leave it alone. `columns` and `pageRows` size the
 * vertical moves. Space and Enter on a button or checkbox keep their native meaning (press it).
 */
export function commandFor(e: KeyLike, columns: number, pageRows: number): GridCommand | null {
  if (e.altKey || isTypingTarget(e.target)) return null;
  const onButton = pressesNatively(e.target);
  const extend = e.shiftKey;
  const mod = e.ctrlKey || e.metaKey;
  if (mod) {
    const k = e.key.toLowerCase();
    if (k === 'a') return { type: 'selectAll' };
    if (k === 'z' && !e.shiftKey) return { type: 'undo' };
    return null;
  }
  switch (e.key) {
    case 'ArrowLeft':
      return { type: 'move', by: -1, extend };
    case 'ArrowRight':
      return { type: 'move', by: 1, extend };
    case 'ArrowUp':
      return { type: 'move', by: -columns, extend };
    case 'ArrowDown':
      return { type: 'move', by: columns, extend };
    case 'PageUp':
      return { type: 'move', by: -columns * Math.max(1, pageRows - 1), extend };
    case 'PageDown':
      return { type: 'move', by: columns * Math.max(1, pageRows - 1), extend };
    case 'Home':
      return { type: 'moveTo', to: 'first', extend };
    case 'End':
      return { type: 'moveTo', to: 'last', extend };
    case ' ':
      return onButton ? null : { type: 'toggleDetail' };
    case 'Enter':
      return onButton ? null : { type: 'openDetail' };
    case 'Escape':
      return { type: 'escape' };
  }
  const variant = PREVIEW_KEYS[e.key];
  if (variant) return { type: 'preview', variant };
  const status = DECISION_KEYS[e.key.toLowerCase()];
  if (status) return { type: 'decide', status };
  return e.key.toLowerCase() === 'u' ? { type: 'undo' } : null;
}
