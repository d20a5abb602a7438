import type { Migration } from './index';

/**
 * The KID (Kernel Inception Distance on pooled VGG19 features) of a run's validation outputs to its style set (see
 * Trainer.validate), recorded beside the style distance; NULL for points recorded before it existed.
 */
export const migration008: Migration = {
  version: 8,
  name: 'KID metric',
  up(db) {
    db.exec('ALTER TABLE run_metrics ADD COLUMN kid REAL');
  },
};
