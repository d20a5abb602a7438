import { useEffect, useEffectEvent, useState, type KeyboardEvent } from 'react';
import type { ClipSummary } from '@shared/convert';
import { Button, Panel, Placeholder } from '../../components/ui';
import { useLibrary } from '../../library';
import { ClipOpener } from './clip/ClipOpener';
import { ConvertForm } from './ConvertForm';
import { ConversionQueue } from './jobs/ConversionQueue';
import { LibraryNotice } from './LibraryNotice';
import { defaultStillOutput } from './paths';
import { handleFrameKeys, Scrubber } from './preview/Scrubber';
import { PreviewStage } from './preview/PreviewStage';
import { useFramePreview } from './preview/useFramePreview';
import { useFrameStep } from './preview/useFrameStep';
import { StillExport } from './StillExport';
import { StylePanel } from './style/StylePanel';
import { usePageStyle } from './style/usePageStyle';

/** Typing targets keep their own arrow keys; elsewhere ←/→ step frames (in the preview panel, ↑/↓ and PageUp/Down too). */
function ownsArrowKeys(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Convert area: open a clip, pick a style, scrub through it comparing before and after, export a still, and
 * queue conversions of whole clips or parts of them.
 */
export function ConvertPage() {
  const { library, loaded } = useLibrary();
  const [clip, setClip] = useState<ClipSummary | null>(null);
  const [time, setTime] = useState(0);
  const pageStyle = usePageStyle(library?.path ?? null);
  const { style } = pageStyle;
  const frame = useFramePreview(clip && style.style ? { path: clip.path, timeSeconds: time, style: style.style } : null);
  const step = useFrameStep(clip, time, setTime);

  const opened = (summary: ClipSummary | null) => {
    setClip(summary);
    setTime(0);
  };
  const onPanelKey = (e: KeyboardEvent) => {
    if (!clip || e.defaultPrevented || ownsArrowKeys(e.target)) return;
    handleFrameKeys(e, clip.fps, step);
  };
  // Anywhere else on the page ←/→ step frames too, as the buttons' tooltips say; ↑/↓ and PageUp/Down keep
  // scrolling the page there. Keys a focused control or the panel already handled arrive with defaultPrevented.
  const onPageKey = useEffectEvent((e: globalThis.KeyboardEvent) => {
    if (!clip || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownsArrowKeys(e.target)) return;
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
    handleFrameKeys(e, clip.fps, step);
  });
  useEffect(() => {
    window.addEventListener('keydown', onPageKey);
    return () => window.removeEventListener('keydown', onPageKey);
  }, []);

  return (
    <div className="page convert">
      <header className="page-header">
        <h1>Convert</h1>
        <p className="page-sub">Turn a clip into animation: preview frames before and after, then convert it in the background.</p>
      </header>
      <LibraryNotice library={library} loaded={loaded} />
      <Panel title="Clip" className="clip-panel">
        <ClipOpener clip={clip} onOpened={opened} />
      </Panel>
      <div className="convert-body">
        <div className="convert-main" onKeyDown={onPanelKey}>
          <Panel
            title="Preview"
            className="preview-panel"
            actions={
              <Button
                onClick={frame.refresh}
                disabled={!clip}
                title={style.problem ?? 'Render the frame at the scrubber again'}
                data-testid="preview-refresh"
              >
                Preview
              </Button>
            }
          >
            {clip ? (
              <>
                <PreviewStage
                  preview={frame.preview}
                  busy={frame.busy}
                  error={frame.error}
                  problem={style.problem}
                  emptyText="Choose Preview to render this frame."
                  width={clip.displayWidth}
                  height={clip.displayHeight}
                  showTime
                  onRetry={frame.refresh}
                />
                <Scrubber time={time} durationSeconds={clip.durationSeconds} fps={clip.fps} onChange={setTime} onStep={step} />
              </>
            ) : (
              <Placeholder title="No clip open" icon="▶">
                <p>Open a clip above: its frames appear here before and after stylizing, with a scrubber to move through it.</p>
              </Placeholder>
            )}
          </Panel>
        </div>
        <div className="convert-side">
          <StylePanel page={pageStyle} preview={frame.preview} />
          <Panel title="Export still" className="still-panel">
            <StillExport
              source={clip?.path ?? null}
              timeSeconds={time}
              style={style}
              defaultOutput={clip ? defaultStillOutput(clip.path, time, library?.exportsDir) : ''}
              outputLabel="Still file"
              overwriteLabel="Replace an existing still"
              buttonText="Export still"
            />
          </Panel>
        </div>
      </div>
      <div className="convert-body">
        <Panel title="Convert clip" className="convert-panel">
          <ConvertForm clip={clip} time={time} style={style} exportsDir={library?.exportsDir ?? null} />
        </Panel>
        <Panel title="Queue" className="queue-panel">
          <ConversionQueue kinds={['convert-clip']} label="Conversion queue" emptyText="Conversions you start appear here with their progress." />
        </Panel>
      </div>
    </div>
  );
}
