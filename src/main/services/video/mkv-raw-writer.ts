/**
 * A minimal streaming Matroska writer for uncompressed RGB24 video, to pipe frames into ffmpeg with their own
 * timestamps. Raw video on a pipe (`-f rawvideo`) has no per-frame time, so ffmpeg would stamp frames at a
 * constant rate and a variable-rate clip would drift; in Matroska every frame carries its exact time.
 *
 * Layout: EBML header, a Segment of unknown size (written once, never seeked back to), Info with a 1 µs
 * TimestampScale, one `V_UNCOMPRESSED` track whose ColourSpace FourCC 'RGB' 24 makes ffmpeg's matroska demuxer
 * pick the rgb24 pixel format, then one Cluster per frame holding one SimpleBlock. A cluster per frame is needed,
 * not just simple: a SimpleBlock's time is a signed 16-bit offset from its cluster, only ±32 ms at 1 µs.
 * Spec: https://www.matroska.org/technical/elements.html (RFC 9559).
 */

const ID = {
  ebml: 0x1a45dfa3,
  ebmlVersion: 0x4286,
  ebmlReadVersion: 0x42f7,
  ebmlMaxIdLength: 0x42f2,
  ebmlMaxSizeLength: 0x42f3,
  docType: 0x4282,
  docTypeVersion: 0x4287,
  docTypeReadVersion: 0x4285,
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  muxingApp: 0x4d80,
  writingApp: 0x5741,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackUid: 0x73c5,
  trackType: 0x83,
  flagLacing: 0x9c,
  codecId: 0x86,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  colourSpace: 0x2eb524,
  cluster: 0x1f43b675,
  timestamp: 0xe7,
  simpleBlock: 0xa3,
} as const;

/** Nanoseconds per timestamp tick: 1 µs, finer than any container clip (90 kHz MPEG, 1 ms Matroska). */
export const MKV_TICK_NS = 1000;

/** The EBML header, Segment start, Info and Tracks for RGB24 frames of `width` x `height`. */
export function mkvRawHeader(width: number, height: number): Buffer {
  const app = 'Cel Studio';
  const ebml = element(
    ID.ebml,
    fields({ ebmlVersion: 1, ebmlReadVersion: 1, ebmlMaxIdLength: 4, ebmlMaxSizeLength: 8, docType: 'matroska', docTypeVersion: 4, docTypeReadVersion: 2 }),
  );
  // An all-ones 8-byte size means "unknown": the segment runs to the end of the stream.
  const segmentStart = Buffer.concat([idBytes(ID.segment), Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
  const info = element(ID.info, fields({ timestampScale: MKV_TICK_NS, muxingApp: app, writingApp: app }));
  const rgb24 = Buffer.from([0x52, 0x47, 0x42, 24]);
  const track = element(ID.trackEntry, [
    ...fields({ trackNumber: 1, trackUid: 1, trackType: 1, flagLacing: 0, codecId: 'V_UNCOMPRESSED' }),
    element(ID.video, [...fields({ pixelWidth: width, pixelHeight: height }), element(ID.colourSpace, [rgb24])]),
  ]);
  return Buffer.concat([ebml, segmentStart, info, element(ID.tracks, [track])]);
}

/**
 * The bytes that go before one frame's pixels: a Cluster at `ticks` (µs, 0 or more) holding a SimpleBlock whose
 * payload is the `frameBytes` that follow. Written as header + pixels so the pixels are never copied.
 */
export function mkvFrameHeader(ticks: number, frameBytes: number): Buffer {
  if (!Number.isSafeInteger(ticks) || ticks < 0) throw new RangeError(`frame time ${ticks} µs is not a tick count`);
  // Track number 1 as a 1-byte vint, timecode offset 0 from the cluster, flags: keyframe.
  const blockHead = Buffer.from([0x81, 0x00, 0x00, 0x80]);
  const blockSize = blockHead.length + frameBytes;
  const blockHeader = Buffer.concat([idBytes(ID.simpleBlock), sizeBytes(blockSize), blockHead]);
  const time = uintElement(ID.timestamp, ticks);
  const clusterSize = time.length + blockHeader.length + frameBytes;
  return Buffer.concat([idBytes(ID.cluster), sizeBytes(clusterSize), time, blockHeader]);
}

function element(id: number, children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  return Buffer.concat([idBytes(id), sizeBytes(body.length), body]);
}

/** Unsigned-integer and UTF-8 string elements, in the order given, each named by its ID. */
function fields(values: Partial<Record<keyof typeof ID, number | string>>): Buffer[] {
  return Object.entries(values).map(([name, value]) => {
    const id = ID[name as keyof typeof ID];
    return typeof value === 'number' ? uintElement(id, value) : element(id, [Buffer.from(value, 'utf8')]);
  });
}

function uintElement(id: number, value: number): Buffer {
  return element(id, [bigEndian(Math.trunc(value))]);
}

/** Element IDs are written as they are defined: their leading bits already mark their length. */
function idBytes(id: number): Buffer {
  return bigEndian(id);
}

/** `n` (0 or more) in as few big-endian bytes as hold it. */
function bigEndian(n: number): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** An EBML variable-size integer: the shortest of 1..8 bytes whose value bits hold `n` (all-ones is reserved). */
function sizeBytes(n: number): Buffer {
  for (let len = 1; len <= 8; len++) {
    if (n < 2 ** (7 * len) - 1) {
      const out = Buffer.alloc(len);
      let v = n;
      for (let i = len - 1; i >= 0; i--) {
        out[i] = v % 256;
        v = Math.floor(v / 256);
      }
      out[0]! |= 1 << (8 - len);
      return out;
    }
  }
  throw new RangeError(`element of ${n} bytes is too large`);
}
