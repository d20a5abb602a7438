import type { ReactNode } from 'react';

/** A titled card that groups one task (library, sets, import, grid); `count` follows the title, dimmed. */
export function Panel({
  title,
  count,
  actions,
  className,
  children,
}: {
  title: ReactNode;
  /** How many things the panel lists ("Runs 4"). */
  count?: number;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={['panel', className].filter(Boolean).join(' ')}>
      <header className="panel-header">
        <h2 className="panel-title">
          {title}
          {count !== undefined && (
            <>
              {' '}
              <span className="muted num">{count}</span>
            </>
          )}
        </h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
