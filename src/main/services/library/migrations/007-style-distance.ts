import type { Migration } from './index';

/**
 * The style distance of a run's validation outputs to its style set (see Trainer.validate), recorded beside PSNR
 * and SSIM; NULL for points recorded before it existed.
 */
export const migration007: Migration = {
  version: 7,
  name: 'style distance metric',
  up(db) {
    db.exec('ALTER TABLE run_metrics ADD COLUMN style_dist REAL');
  },
};
