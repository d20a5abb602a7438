import { useState } from 'react';

/** What crash recovery found when the library was opened; dismissible, since it is informational. */
export function RecoveryNotice({ messages }: { messages: string[] }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <div className="notice" role="status" data-testid="library-recovery">
      <div className="notice-head">
        <strong>Recovered after an unclean shutdown</strong>
        <button type="button" className="error-dismiss" aria-label="Dismiss" onClick={() => setDismissed(true)}>
          ×
        </button>
      </div>
      <ul>
        {messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
