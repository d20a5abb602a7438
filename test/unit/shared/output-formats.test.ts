/** Which output file takes which codec: the table the services, the convert form and the CLI share. */
import { describe, expect, it } from 'vitest';
import {
  CODEC_EXTENSION,
  EXTENSION_CODECS,
  EXTENSION_CONTAINER,
  offersAudioChoice,
  codecFitsExtension,
  codecForExtension,
  extensionOf,
  extensionsFor,
  VIDEO_CODECS,
} from '@shared/output-formats';

describe('output formats', () => {
  it('reads the extension in lower case, from either separator, none from a folder or a leading dot', () => {
    expect(extensionOf('/films/Clip.WEBM')).toBe('.webm');
    expect(extensionOf('C:\\films\\clip.mov')).toBe('.mov');
    expect(extensionOf('/my.films/clip')).toBe('');
    expect(extensionOf('/a/.webm')).toBe('');
  });

  it('puts VP9 only in WebM and Matroska, ProRes only in MOV and Matroska, and nothing else in WebM', () => {
    expect(VIDEO_CODECS.filter((c) => codecFitsExtension(c, '.webm'))).toEqual(['vp9']);
    expect(VIDEO_CODECS.filter((c) => codecFitsExtension(c, '.mkv'))).toEqual([...VIDEO_CODECS]);
    expect(extensionsFor('vp9')).toBe('.webm or .mkv');
    expect(extensionsFor('prores')).toBe('.mov or .mkv');
    expect(extensionsFor('h264')).toBe('.mp4, .m4v, .mov or .mkv');
    expect(codecFitsExtension('h264', '.avi')).toBe(false);
  });

  it('gives each codec a default extension that holds it', () => {
    for (const codec of VIDEO_CODECS) expect(codecFitsExtension(codec, CODEC_EXTENSION[codec])).toBe(true);
    expect(CODEC_EXTENSION.vp9).toBe('.webm');
    expect(CODEC_EXTENSION.prores).toBe('.mov');
  });

  it('keeps a codec the extension takes, and otherwise picks the first it does (unknown extensions change nothing)', () => {
    expect(codecForExtension('h265', '.mov')).toBe('h265');
    expect(codecForExtension('h264', '.webm')).toBe('vp9');
    expect(codecForExtension('vp9', '.mp4')).toBe('h264');
    expect(codecForExtension('prores', '.webm')).toBe('vp9');
    expect(codecForExtension('vp9', '.mov')).toBe('h264');
    expect(codecForExtension('prores', '.web')).toBe('prores');
  });

  it('gives every output extension a container, and offers the audio choice only where MP4 or MOV is written', () => {
    expect(Object.keys(EXTENSION_CONTAINER).sort()).toEqual(Object.keys(EXTENSION_CODECS).sort());
    expect(Object.keys(EXTENSION_CONTAINER).filter(offersAudioChoice).sort()).toEqual(['.m4v', '.mov', '.mp4']);
    expect(offersAudioChoice('.avi')).toBe(false);
  });
});
