import { useState } from 'react';
import { Button } from '../../../components/ui';
import { BinIcon } from './icons';

/** "Reject duplicates (keep sharpest)" and "Empty bin", the latter behind a confirmation since it cannot be undone. */
export function CleanupActions({
  binCount,
  dedupeDistance,
  rejecting,
  emptying,
  onRejectDuplicates,
  onEmptyBin,
}: {
  /** Items in the bin, when known. */
  binCount: number | null;
  dedupeDistance: number;
  rejecting: boolean;
  emptying: boolean;
  onRejectDuplicates: () => void;
  onEmptyBin: () => Promise<boolean>;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="cleanup-actions">
      <Button
        busy={rejecting}
        onClick={onRejectDuplicates}
        title={`Reject every near-duplicate (distance ≤ ${dedupeDistance}) except the sharpest of its cluster; U undoes it`}
        data-testid="reject-duplicates"
      >
        Reject duplicates (keep sharpest)
      </Button>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label="Empty the bin?" data-testid="empty-bin-confirm">
          <span>
            Delete {binCount === null ? 'the' : binCount.toLocaleString('en-US')} rejected {binCount === 1 ? 'item' : 'items'} for good? This cannot be undone.
          </span>
          <Button
            variant="danger"
            busy={emptying}
            autoFocus
            onClick={() => {
              void onEmptyBin().then(() => setConfirming(false));
            }}
            data-testid="confirm-empty-bin"
          >
            Delete for good
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)} data-testid="cancel-empty-bin">
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="danger" disabled={binCount === 0} onClick={() => setConfirming(true)} data-testid="empty-bin" title="Delete the rejected items for good">
          <BinIcon /> Empty bin{binCount ? ` (${binCount.toLocaleString('en-US')})` : ''}
        </Button>
      )}
    </div>
  );
}
