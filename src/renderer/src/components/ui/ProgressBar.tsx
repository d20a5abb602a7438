import type { HTMLAttributes } from 'react';
import { percentOf } from '../../lib/format';

/** A horizontal progress bar; `done`/`total` also go out as data attributes for tests and assistive tech. */
export function ProgressBar({
  done,
  total,
  fraction = 0,
  state,
  label,
  ...rest
}: {
  done: number;
  total: number;
  /** How far the item in flight is (0..1); moves the fill between whole items. */
  fraction?: number;
  state?: string;
  label: string;
} & HTMLAttributes<HTMLDivElement>) {
  const percent = percentOf(done + (done < total ? fraction : 0), total);
  return (
    <div
      {...rest}
      className={`progress progress-${state ?? 'running'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      data-done={done}
      data-percent={percent}
      data-total={total}
      data-state={state}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
