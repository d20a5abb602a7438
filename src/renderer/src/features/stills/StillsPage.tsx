import { useState } from 'react';
import { OpenPathForm, Panel } from '../../components/ui';
import { useLibrary } from '../../library';
import {
  ConversionQueue,
  defaultImageOutput,
  LibraryNotice,
  PreviewStage,
  StillExport,
  StylePanel,
  useFramePreview,
  usePageStyle,
} from '../convert';
import { PhotoFolderForm } from './PhotoFolderForm';
import './stills.css';

/**
 * Stills area: stylize one image and compare it before and after, export it at full size; or convert a whole
 * folder of photos in the background. One style applies to both.
 */
export function StillsPage() {
  const { library, loaded } = useLibrary();
  const pageStyle = usePageStyle(library?.path ?? null);
  const { style } = pageStyle;
  // The image being previewed: set by Preview, so half-typed paths never reach the services.
  const [image, setImage] = useState<string | null>(null);
  const [pathMissing, setPathMissing] = useState(false);
  const frame = useFramePreview(image && style.style ? { path: image, timeSeconds: 0, style: style.style } : null);

  function preview(text: string) {
    const path = text.trim();
    setPathMissing(path === '');
    if (path === '') setImage(null);
    else if (path === image) frame.refresh();
    else setImage(path);
  }

  return (
    <div className="page stills">
      <header className="page-header">
        <h1>Stills</h1>
        <p className="page-sub">Stylize a single image and compare it before and after, or convert a whole folder of photos.</p>
      </header>
      <LibraryNotice library={library} loaded={loaded} />
      <div className="convert-body">
        <Panel title="Image" className="image-panel">
          <OpenPathForm
            formLabel="Preview image"
            label="Image path"
            kind="image"
            placeholder="/pictures/portrait.jpg"
            button="Preview"
            busy={frame.busy && frame.preview === null}
            invalid={pathMissing || frame.error?.code === 'VALIDATION'}
            onOpen={preview}
            onEdit={() => setPathMissing(false)}
            testId="image-path"
            buttonTestId="image-preview"
          />
          <PreviewStage
            preview={frame.preview}
            busy={frame.busy}
            error={frame.error}
            problem={pathMissing ? 'Choose an image, or type its path, first.' : image === null ? null : style.problem}
            emptyText="Browse to a JPEG, PNG or WebP image, or type its path and choose Preview."
            width={4}
            height={3}
            showTime={false}
            onRetry={frame.refresh}
          />
        </Panel>
        <div className="convert-side">
          <StylePanel page={pageStyle} preview={frame.preview} />
          <Panel title="Export" className="still-panel">
            <StillExport
              source={image}
              timeSeconds={0}
              style={style}
              defaultOutput={image ? defaultImageOutput(image, library?.exportsDir) : ''}
              outputLabel="Output image"
              overwriteLabel="Replace an existing image"
              buttonText="Export"
            />
          </Panel>
        </div>
      </div>
      <Panel title="Convert a folder" className="photos-panel">
        <PhotoFolderForm style={style} exportsDir={library?.exportsDir ?? null} />
        <ConversionQueue kinds={['convert-photos']} label="Photo conversions" emptyText="Folder conversions you start appear here with their progress." />
      </Panel>
    </div>
  );
}
