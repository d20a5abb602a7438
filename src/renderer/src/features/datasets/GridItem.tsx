import { useState } from 'react';
import type { ImageItem } from '@shared/models';
import { baseName } from '../../lib/format';

/** One thumbnail cell with its pixel size underneath. */
export function GridItem({ image, src }: { image: ImageItem; src: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <li
      className="grid-item"
      data-testid="grid-item"
      data-hash={image.hash}
      data-width={image.width}
      data-height={image.height}
      title={image.sourcePath}
    >
      <div className="thumb">
        {failed ? (
          <span className="thumb-missing">no preview</span>
        ) : (
          <img src={src} alt={baseName(image.sourcePath)} loading="lazy" decoding="async" onError={() => setFailed(true)} />
        )}
      </div>
      <div className="grid-caption num">
        {image.width} × {image.height}
      </div>
    </li>
  );
}
