import type { ReactNode } from 'react';
import type { ClipSummary } from '@shared/convert';
import { formatDuration, formatScore } from '../../../lib/format';

/** Frames per second with up to three decimals (23.976, 25, 29.97). */
function formatFps(fps: number): string {
  return Number.isFinite(fps) && fps > 0 ? formatScore(fps, 3) : '—';
}

/** What a clip holds, as a row of facts; each carries its raw value as a data attribute for tests. */
export function ClipSummaryView({ clip }: { clip: ClipSummary }) {
  const resized = clip.displayWidth !== clip.width || clip.displayHeight !== clip.height;
  return (
    <dl className="clip-summary" data-testid="clip-summary" data-path={clip.path}>
      <Fact label="Size" testId="clip-size" value={`${clip.width}×${clip.height}`} title={`${clip.codec} in ${clip.container}`} />
      <Fact
        label="Display"
        testId="clip-display"
        value={`${clip.displayWidth}×${clip.displayHeight}`}
        title={resized ? 'Shown at this size (rotation or non-square pixels)' : 'Square pixels'}
      />
      <Fact label="Frames / s" testId="clip-fps" data={clip.fps} value={formatFps(clip.fps)}>
        {clip.variableFrameRate && (
          <span className="badge badge-vfr" data-testid="clip-vfr" title="Variable frame rate: frames are timed one by one; the rate is an average">
            VFR
          </span>
        )}
      </Fact>
      <Fact label="Duration" testId="clip-duration" data={clip.durationSeconds} value={formatDuration(clip.durationSeconds)} title={`${formatScore(clip.durationSeconds, 3)} s`} />
      <Fact label="Frames" testId="clip-frames" data={clip.frameCount ?? ''} value={clip.frameCount === null ? 'unknown' : clip.frameCount.toLocaleString('en-US')} />
      <Fact label="Rotation" testId="clip-rotation" data={clip.rotation} value={`${clip.rotation}°`} />
      <Fact label="Audio" testId="clip-audio" data={clip.audioStreams} value={streams(clip.audioStreams)} />
      <Fact label="Subtitles" testId="clip-subtitles" data={clip.subtitleStreams} value={streams(clip.subtitleStreams)} />
      <Fact label="Codec" testId="clip-codec" value={clip.codec} title={`${clip.codec} in a ${clip.container} container`} />
    </dl>
  );
}

function streams(n: number): string {
  return n === 0 ? 'none' : `${n} ${n === 1 ? 'stream' : 'streams'}`;
}

function Fact({
  label,
  value,
  testId,
  data,
  title,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  data?: number | string;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className="clip-fact" title={title}>
      <dt>{label}</dt>
      <dd className="num" data-testid={testId} data-value={data}>
        {value}
        {children}
      </dd>
    </div>
  );
}
