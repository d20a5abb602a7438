/**
 * The single-frame side of converting, behind the contract: a preview of one frame (of a clip or a photo) before
 * and after a style, stored as PNGs in the library's preview cache, and stills written at full size. Styles are
 * leased from a StyleCache so scrubbing does not reload a model per frame.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { CallArg, CallOutput } from '@shared/contract';
import { StudioError } from '@shared/errors';
import type { RgbImage } from '../../engine/stylize/frame-tiling';
import { withHome } from '../convert/conversions-service';
import { prepareOutputFolder, refuseOutput } from '../convert/output-checks';
import { stillFormatOf, writeStill, type StillFormat } from '../convert/render-frame';
import { expandHome } from '../files/home-path';
import type { OpenLibrary } from '../studio/open-library';
import type { StyleCache } from '../styles/style-cache';
import type { ClipProbes } from '../video';
import { stylizedFrame } from './stylized-frame';

/** A still request with its paths expanded and its format known, after the checks that need no library. */
export type CheckedStill = CallArg<'convert.still'> & { format: StillFormat };

/** Previews and stills; `onStillProgress` hears how far a still being written is (`still.progress`). */
export class StillsService {
  constructor(
    private readonly open: () => OpenLibrary,
    private readonly styles: StyleCache,
    private readonly clips: ClipProbes,
    private readonly onStillProgress: (output: string, fraction: number) => void = () => undefined,
  ) {}

  /** The frame at `timeSeconds` before and after the style, as preview hashes the media protocol serves. */
  async preview({ path, timeSeconds, style, maxSize }: CallArg<'convert.preview'>): Promise<CallOutput<'convert.preview'>> {
    const { library } = this.open();
    const loaded = await this.styles.lease(withHome(style), this.open);
    const t0 = performance.now();
    let frame;
    try {
      frame = await stylizedFrame(this.clips, expandHome(path), timeSeconds, loaded.engine, maxSize);
    } finally {
      loaded.release();
    }
    const stylizeMs = performance.now() - t0;
    const [beforeHash, afterHash] = await Promise.all(
      [frame.original, frame.stylized].map(async (img) => {
        const png = await previewPng(img);
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
  }

  /** Writes the styled frame (or photo) to `output` as PNG or JPEG, once {@link checkStill} passes it. */
  async still(arg: CallArg<'convert.still'>): Promise<CallOutput<'convert.still'>> {
    return this.writeStill(await this.checkStill(arg));
  }

  /**
   * The checks of a still request that need no library or model, made once: the output's format, never the source
   * itself, its folder made. The CLI makes them before it opens a library for a run's style.
   */
  async checkStill(arg: CallArg<'convert.still'>): Promise<CheckedStill> {
    const input = expandHome(arg.source);
    const target = expandHome(arg.output);
    const format = await checkStillOutput(input, target, arg.overwrite);
    return { ...arg, source: input, output: target, style: withHome(arg.style), format };
  }

  /** Writes a checked still. */
  async writeStill({ source: input, timeSeconds, output: target, style, quality, maxSize, format }: CheckedStill): Promise<CallOutput<'convert.still'>> {
    const loaded = await this.styles.lease(style, this.open);
    try {
      const frame = await stylizedFrame(this.clips, input, timeSeconds, loaded.engine, maxSize, (f) => this.onStillProgress(target, f));
      await writeStill(frame.stylized, target, { format, quality });
      return { path: target, width: frame.stylized.width, height: frame.stylized.height, format, engine: loaded.choice };
    } finally {
      loaded.release();
    }
  }
}

/**
 * The still's format from its extension, once the output is known writable: never the source itself (`-o photo.jpg`
 * with overwrite for photo.jpg would replace the original), its folder made. Refuses before any work.
 */
async function checkStillOutput(source: string, output: string, overwrite: boolean): Promise<StillFormat> {
  const format = stillFormatOf(output);
  if (!format) throw new StudioError('VALIDATION', 'convert.still: output: must end in .png, .jpg or .jpeg', 'output');
  await refuseOutput(source, output, overwrite, 'source photo or clip');
  await prepareOutputFolder(dirname(output));
  return format;
}

/** A quick PNG of an 8-bit RGB image for the preview cache (fast compression: previews are shown, not kept). */
function previewPng(img: RgbImage): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .png({ compressionLevel: 3 })
    .toBuffer();
}
