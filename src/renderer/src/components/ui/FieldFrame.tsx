import type { ReactNode } from 'react';

/** The frame of a labelled control (Field, Select, TextArea, PathField…): a `.field` box whose label names `id`. */
export function FieldFrame({ id, label, className, children }: { id: string; label: string; className?: string | undefined; children: ReactNode }) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
