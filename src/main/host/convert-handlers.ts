/**
 * Handlers of the convert calls: probing a clip, previews and stills of single frames (through the preview style
 * cache), and clip / photo-folder conversions started as jobs. A clip is probed once while it is unchanged (see
 * ClipProbes): opening it, every preview and frame step, and the conversion it starts share that probe.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { CallHandlers } from '@shared/contract';
import type { ClipSummary, StyleChoice } from '@shared/convert';
import { StudioError } from '@shared/errors';
import { stylizeImage, type RgbImage } from '../engine/stylize/frame-tiling';
import {
  checkClipOutput,
  isPhotoPath,
  MAX_STILL_PIXELS,
  neighbourFrameTime,
  outputContainer,
  prepareOutputFolder,
  decodePhoto,
  refuseOutput,
  renderFrameAt,
  stillFormatOf,
  writeStill,
} from '../services/convert';
import type { ClipInfo, ClipProbes } from '../services/video';
import { conversionPin } from './conversion-pin';
import { expandHome } from './home-path';
import type { OpenLibrary } from './open-library';
import type { StyleCache } from './style-cache';

type ConvertCalls =
  | 'convert.probe'
  | 'convert.runStyles'
  | 'convert.preview'
  | 'convert.frameTime'
  | 'convert.still'
  | 'convert.clip'
  | 'convert.photos';


/**
 * The handlers, over whichever library is open when a call arrives (previews store images in it); `clips` keeps the
 * probes, `styles` the loaded styles. `onStillProgress` hears how far a still being written is (`still.progress`).
 */
export function convertHandlers(
  open: () => OpenLibrary,
  styles: StyleCache,
  clips: ClipProbes,
  onStillProgress: (output: string, fraction: number) => void = () => undefined,
): Pick<CallHandlers, ConvertCalls> {
  return {
    'convert.probe': async ({ path }) => clipSummary(await clips.probe(expandHome(path))),
    'convert.runStyles': async () =>
      open()
        .runs.list()
        .filter((r) => r.lastCheckpointStep !== null)
        .map((r) => ({ runId: r.id, name: r.name, model: r.config.model, step: r.lastCheckpointStep! })),
    'convert.frameTime': async ({ path, timeSeconds, direction }) => {
      const clip = expandHome(path);
      return { timeSeconds: await neighbourFrameTime(clip, timeSeconds, direction, { info: await clips.probe(clip) }) };
    },
    'convert.preview': async ({ path, timeSeconds, style, maxSize }) => {
      const { library } = open();
      const loaded = await styles.lease(withHome(style), open);
      let frame: StylizedFrame;
      const t0 = performance.now();
      try {
        frame = await stylizedFrame(clips, expandHome(path), timeSeconds, loaded.engine, maxSize);
      } finally {
        loaded.release();
      }
      const stylizeMs = performance.now() - t0;
      const [beforeHash, afterHash] = await Promise.all(
        [frame.original, frame.stylized].map(async (img) => {
          const png = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
            .png({ compressionLevel: 3 })
            .toBuffer();
          const hash = createHash('sha256').update(png).digest('hex');
          await library.previews.put(hash, png);
          return hash;
        }),
      );
      return {
        timeSeconds: frame.timeSeconds,
        width: frame.original.width,
        height: frame.original.height,
        beforeHash: beforeHash!,
        afterHash: afterHash!,
        engine: loaded.choice,
        stylizeMs,
      };
    },
    'convert.still': async ({ source, timeSeconds, output, style, quality, overwrite, maxSize }) => {
      const target = expandHome(output);
      const format = stillFormatOf(target);
      if (!format) throw new StudioError('VALIDATION', 'convert.still: output: must end in .png, .jpg or .jpeg', 'output');
      const input = expandHome(source);
      // Before any work: `-o photo.jpg` with overwrite for photo.jpg itself would replace the original.
      await refuseOutput(input, target, overwrite, 'source photo or clip');
      await prepareOutputFolder(dirname(target));
      const loaded = await styles.lease(withHome(style), open);
      try {
        const frame = await stylizedFrame(clips, input, timeSeconds, loaded.engine, maxSize, (f) => onStillProgress(target, f));
        await writeStill(frame.stylized, target, { format, quality });
        return { path: target, width: frame.stylized.width, height: frame.stylized.height, format, engine: loaded.choice };
      } finally {
        loaded.release();
      }
    },
    'convert.clip': async (arg) => {
      const input = expandHome(arg.input);
      const output = expandHome(arg.output);
      // The request's one check that the output can hold the codec (out.webm with H.264), before anything else.
      outputContainer(output, arg.encode.codec);
      // Probing first turns a bad clip into an error on the call itself, before a job is queued; the job's plan
      // reuses this probe.
      await clips.probe(input);
      const style = withHome(arg.style);
      const pin = await conversionPin(input, style, open);
      // Refused here rather than when the job plans: a refused conversion must not leave a failed job behind.
      await checkClipOutput({ input, output, overwrite: arg.overwrite });
      return open().jobs.start('convert-clip', { ...arg, input, output, style, pin });
    },
    'convert.photos': async (arg) =>
      open().jobs.start('convert-photos', {
        ...arg,
        folder: expandHome(arg.folder),
        outputFolder: expandHome(arg.outputFolder),
        style: withHome(arg.style),
      }),
  };
}

/** The style with a leading `~` of an ONNX path expanded, as every other path argument is. */
function withHome(style: StyleChoice): StyleChoice {
  return style.kind === 'onnx' ? { ...style, path: expandHome(style.path) } : style;
}

interface StylizedFrame {
  timeSeconds: number;
  original: RgbImage;
  stylized: RgbImage;
}

/**
 * The frame at `timeSeconds` of a clip (probed through `clips`) or the whole image, at most `maxSize` on its long
 * side, and its styled copy; a photo over {@link MAX_STILL_PIXELS} at that size is refused before it is decoded.
 */
async function stylizedFrame(
  clips: ClipProbes,
  path: string,
  timeSeconds: number,
  engine: Parameters<typeof stylizeImage>[0],
  maxSize: number | null,
  onProgress?: (fraction: number) => void,
): Promise<StylizedFrame> {
  if (!isPhotoPath(path)) {
    return renderFrameAt(path, timeSeconds, engine, { ...(maxSize ? { maxSize } : {}), info: await clips.probe(path) });
  }
  const original = await decodePhoto(path, maxSize, MAX_STILL_PIXELS);
  return { timeSeconds: 0, original, stylized: await stylizeImage(engine, original, onProgress ? { onProgress } : {}) };
}

function clipSummary(info: ClipInfo): ClipSummary {
  const v = info.video;
  return {
    path: info.path,
    container: info.container,
    durationSeconds: info.durationSeconds,
    fps: v.fps,
    frameCount: v.frameCount,
    variableFrameRate: v.variableFrameRate,
    width: v.width,
    height: v.height,
    displayWidth: v.displayWidth,
    displayHeight: v.displayHeight,
    rotation: v.rotation,
    codec: v.codec,
    audioStreams: info.audio.length,
    subtitleStreams: info.subtitles,
  };
}
