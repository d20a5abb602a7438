/** sharp round trips for the analysis tests: raw RGB24 in and out of encoders and filters. */
import sharp, { type Sharp } from 'sharp';

/** A decoded image: rgb is Uint8Array of width*height*3, RGB interleaved, row-major. */
export interface RawRgb {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** A sharp pipeline that starts from raw RGB24 pixels. */
export function fromRgb(image: RawRgb): Sharp {
  return sharp(Buffer.from(image.rgb.buffer, image.rgb.byteOffset, image.rgb.byteLength), {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
}

/** Runs a pipeline (or decodes a file or buffer) to raw RGB24, dropping any alpha. */
export async function toRgb(input: Sharp | string | Buffer): Promise<RawRgb> {
  const pipeline = typeof input === 'string' || Buffer.isBuffer(input) ? sharp(input) : input;
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** `image` encoded as JPEG at `quality` and decoded again. */
export async function jpegRoundTrip(image: RawRgb, quality: number): Promise<RawRgb> {
  return toRgb(await fromRgb(image).jpeg({ quality }).toBuffer());
}
