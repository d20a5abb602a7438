import type { ReactNode } from 'react';

/** A friendly empty or coming-soon state with a title and an explanation. */
export function Placeholder({ title, children, icon }: { title: string; children: ReactNode; icon?: string }) {
  return (
    <div className="placeholder">
      {icon && (
        <div className="placeholder-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h3>{title}</h3>
      <div className="placeholder-text">{children}</div>
    </div>
  );
}
