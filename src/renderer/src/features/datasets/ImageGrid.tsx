import type { SetSummary } from '@shared/models';
import { ErrorMessage, Panel, Placeholder } from '../../components/ui';
import { plural } from '../../lib/format';
import { useStudio } from '../../transport';
import { GridItem } from './GridItem';
import { LoadMore } from './LoadMore';
import { useImages } from './useImages';

/** The selected set's thumbnails with its image count. */
export function ImageGrid({ set, version }: { set: SetSummary; version: number }) {
  const api = useStudio();
  const images = useImages(set.id, version);
  const total = images.total ?? set.imageCount;
  const remaining = Math.max(0, total - images.items.length);

  return (
    <Panel
      className="grid-panel"
      title={
        <>
          {set.name} <span className={`badge badge-${set.kind}`}>{set.kind}</span>
        </>
      }
      actions={
        <span className="set-count num" data-testid="set-count" data-count={total}>
          {plural(total, 'image')}
        </span>
      }
    >
      <ErrorMessage error={images.error} />
      {images.total === 0 && (
        <Placeholder title="No images in this set yet">
          <p>Import a folder of photos into “{set.name}” above.</p>
        </Placeholder>
      )}
      <ul className="image-grid" data-testid="image-grid" aria-label={`Images in ${set.name}`}>
        {images.items.map((image, i) => (
          // A set could list the same file twice; the index keeps keys unique and stable for append-only pages.
          <GridItem key={`${i}:${image.hash}`} image={image} src={api.mediaUrl(image.hash, 'thumb')} />
        ))}
      </ul>
      {images.total !== null && remaining > 0 && (
        <LoadMore onLoad={images.loadMore} busy={images.loadingMore} remaining={remaining} loadedCount={images.items.length} />
      )}
    </Panel>
  );
}
