/**
 * What a render farm passes around: one BullMQ job per segment of a conversion, named so a segment is queued once
 * however often the studio asks (a resume, a restart), and carrying everything a worker on another machine needs
 * to convert it exactly as this machine would: the conversion's parameters, the segment, the file to write, and
 * the SHA-256 of an ONNX style, which the worker checks before it converts a frame.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { Sha256Hex } from '@shared/schema-parts';
import { ConvertClipParams, workDirFor } from '../convert/convert-clip-params';

/** The queue every studio and worker of a farm shares (BullMQ keys it under `bull:` in Redis). */
export const SEGMENT_QUEUE = 'cel-studio-segments';

/** A segment job's data. */
export const SegmentJobData = z.object({
  /** The conversion's parameters as stored with its job (paths as every machine of the farm sees them). */
  params: z.unknown(),
  /** The segment: its JSON key as the job's item (number, first frame, count, neighbours). */
  segment: z.string(),
  /** The file the segment goes to, in the conversion's work folder. */
  fileName: z.string(),
  /** An ONNX style's SHA-256 (null for the built-in filter). */
  styleSha256: Sha256Hex.nullable(),
  /** The video codec the studio's plan encodes (a worker whose ffmpeg would fall back to another stands aside). */
  codec: z.string(),
  /** HMAC-SHA-256 of the rest with the farm's secret (CEL_STUDIO_FARM_SECRET), when the studio has one. */
  signature: z.string().optional(),
});
export type SegmentJobData = z.infer<typeof SegmentJobData>;

/** What a worker answers for a segment. */
export interface SegmentJobResult {
  frames: number;
  worker: string;
}

/** How far a worker is with a segment (BullMQ job progress). */
export interface SegmentProgress {
  done: number;
  worker: string;
}

/** The params of a segment job, parsed as the studio's job manager parses them. */
export function segmentParams(data: SegmentJobData): ConvertClipParams {
  return ConvertClipParams.parse(data.params);
}

/**
 * The BullMQ job id of segment `n` of the conversion `p`: its work folder's name (which hashes every setting the
 * segments depend on) and the number, so the same segment of the same conversion is one job.
 */
export function segmentJobId(p: ConvertClipParams, n: number): string {
  return `${basename(workDirFor(p)).replace(/^\./, '').replace(/[^A-Za-z0-9._-]/g, '_')}-${n}`;
}

/** The environment variable that holds a farm's shared secret, on the studio and on every worker. */
export const FARM_SECRET_ENV = 'CEL_STUDIO_FARM_SECRET';

/** `data` signed with `secret` (HMAC-SHA-256 over its fields in a fixed order). */
export function signSegment(data: SegmentJobData, secret: string): SegmentJobData {
  return { ...data, signature: signatureOf(data, secret) };
}

/** Whether `data` carries the signature `secret` makes. */
export function signedWith(data: SegmentJobData, secret: string): boolean {
  if (!data.signature) return false;
  const want = Buffer.from(signatureOf(data, secret), 'hex');
  const got = Buffer.from(data.signature, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

function signatureOf(data: SegmentJobData, secret: string): string {
  const fields = [JSON.stringify(data.params), data.segment, data.fileName, data.styleSha256 ?? '', data.codec];
  return createHmac('sha256', secret).update(JSON.stringify(fields)).digest('hex');
}

/** SHA-256 of a file, in hex. */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
