import type { ButtonHTMLAttributes } from 'react';

/**
 * A plain button that is on or off, with the ARIA state that says which: with `radio`, one choice of a radio group
 * (role radio, aria-checked); otherwise a toggle (aria-pressed). Its look is the caller's class.
 */
export function ToggleButton({
  on,
  radio = false,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'role'> & { on: boolean; radio?: boolean }) {
  const state = radio ? ({ role: 'radio', 'aria-checked': on } as const) : { 'aria-pressed': on };
  return <button type="button" {...state} {...button} />;
}
