/** Import defaults come from the contract's schemas: one source for the service, the app's forms and the CLI. */
import { describe, expect, it } from 'vitest';
import { parseCallInput } from '@shared/contract';
import { DEFAULT_VIDEO_SAMPLING, VideoSampling } from '@shared/curation';
import { IMPORT_SET_KIND } from '@shared/import-defaults';

describe('import defaults', () => {
  it('sample a frame every second and at scene changes, as the service does for a call that sets nothing', () => {
    expect(DEFAULT_VIDEO_SAMPLING).toEqual(VideoSampling.parse({}));
    expect(DEFAULT_VIDEO_SAMPLING.everySeconds).toBe(1);
    expect(DEFAULT_VIDEO_SAMPLING.sceneThreshold).not.toBeNull();
    expect(parseCallInput('import.video', { clips: ['/a.mkv'], setName: 'frames' }).sampling).toEqual(DEFAULT_VIDEO_SAMPLING);
    expect(Object.isFrozen(DEFAULT_VIDEO_SAMPLING)).toBe(true);
  });

  it('fill the kind of set each import call defaults to: photos as content, frames as style', () => {
    expect(IMPORT_SET_KIND).toEqual({
      photos: parseCallInput('import.photos', { folder: '/p', setName: 'p' }).kind,
      video: parseCallInput('import.video', { clips: ['/a.mkv'], setName: 'f' }).kind,
    });
    expect(IMPORT_SET_KIND).toEqual({ photos: 'content', video: 'style' });
  });
});
