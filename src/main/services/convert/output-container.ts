/**
 * The output file's container, chosen by its extension, and the check that it can hold the chosen video codec
 * (the table is shared with the convert form and the CLI: see @shared/output-formats).
 */
import { basename } from 'node:path';
import type { VideoCodec } from '@shared/convert';
import { StudioError } from '@shared/errors';
import {
  codecFitsExtension,
  EXTENSION_CODECS,
  EXTENSION_CONTAINER,
  extensionOf,
  extensionsFor,
  type OutputContainer,
} from '@shared/output-formats';

export type { OutputContainer } from '@shared/output-formats';

const CODEC_NAMES: Record<VideoCodec, string> = {
  h264: 'H.264',
  h265: 'H.265',
  mpeg4: 'MPEG-4 Part 2',
  vp9: 'VP9',
  prores: 'ProRes',
};

/**
 * The container for `output` by its extension; throws BAD_INPUT naming the file for an unknown extension or one
 * that cannot hold `codec`, saying what to use instead.
 */
export function outputContainer(output: string, codec: VideoCodec): OutputContainer {
  const ext = extensionOf(output);
  const container = EXTENSION_CONTAINER[ext];
  if (!container) {
    const all = Object.keys(EXTENSION_CODECS);
    throw new StudioError('BAD_INPUT', `${basename(output)}: the output must end in ${all.slice(0, -1).join(', ')} or ${all.at(-1)}`, 'output');
  }
  if (!codecFitsExtension(codec, ext)) {
    const takes = EXTENSION_CODECS[ext]!.join(', ');
    throw new StudioError(
      'BAD_INPUT',
      `${basename(output)}: ${ext} cannot hold ${CODEC_NAMES[codec]} video: name the output ${extensionsFor(codec)}, or choose the codec ${takes}`,
      'output',
    );
  }
  return container;
}
