import { useEffect } from 'react';
import type { Toast } from './useCurationActions';

const SHOWN_MS = 6000;

/** The last action's outcome at the bottom of the window, with Undo when it can be undone; fades after a while. */
export function UndoToast({ toast, onUndo, onDismiss }: { toast: Toast | null; onUndo: () => void; onDismiss: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);

  if (!toast) return null;
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="undo-toast" data-toast-id={toast.id}>
      <span className="toast-text">{toast.message}</span>
      {toast.undoable && (
        <button type="button" className="toast-undo" onClick={onUndo} data-testid="toast-undo">
          Undo
        </button>
      )}
      <button type="button" className="error-dismiss" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
