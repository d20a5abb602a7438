import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, StudioApi } from '@shared/contract';
import type { FramePreview, StyleChoice } from '@shared/convert';
import type { StudioError } from '@shared/errors';
import { asStudioError, isConnectionLost, useStudio } from '../../../transport';
import { LatestOnly } from './latestOnly';

/** Longest side of preview images; the stage is never wider than this on a normal screen. */
export const PREVIEW_MAX_SIZE = 960;

export interface PreviewRequest {
  path: string;
  timeSeconds: number;
  style: StyleChoice;
}

export interface FramePreviewState {
  /** The newest preview of this source that has arrived (it may be of an older time or style while `busy`). */
  preview: FramePreview | null;
  /** Why the preview for the current request failed. */
  error: StudioError | null;
  /** The current request has not answered yet. */
  busy: boolean;
  /** Asks again for the current request (a model file changed on disk, a retry after an error). */
  refresh: () => void;
}

type PreviewArg = CallInput<'convert.preview'>;

/** Resolves once the image is decoded (or failed), so swapping it in does not flash an empty box. */
function preload(url: string): Promise<void> {
  const img = new Image();
  img.src = url;
  return img.decode().catch(() => undefined);
}

async function fetchPreview(api: StudioApi, arg: PreviewArg): Promise<FramePreview> {
  const preview = await api.call('convert.preview', arg);
  await Promise.all([preload(api.mediaUrl(preview.beforeHash, 'preview')), preload(api.mediaUrl(preview.afterHash, 'preview'))]);
  return preview;
}

interface Settled {
  /** Key of the last request that answered. */
  key: string | null;
  preview: FramePreview | null;
  /** Source of `preview`: a preview of another clip is never shown. */
  previewPath: string | null;
  error: StudioError | null;
  errorKey: string | null;
}

const NOTHING: Settled = { key: null, preview: null, previewPath: null, error: null, errorKey: null };

/**
 * `convert.preview` for `request` (null: none), latest wins: while one preview renders, further requests wait and
 * only the newest is sent next. Results arrive in order, so each one is newer than what is shown.
 */
export function useFramePreview(request: PreviewRequest | null): FramePreviewState {
  const api = useStudio();
  const [nonce, setNonce] = useState(0);
  const [settled, setSettled] = useState<Settled>(NOTHING);
  const queue = useRef<LatestOnly<PreviewArg, FramePreview> | null>(null);
  const key =
    request === null ? null : JSON.stringify({ path: request.path, timeSeconds: request.timeSeconds, style: request.style, maxSize: PREVIEW_MAX_SIZE, nonce });

  useEffect(() => {
    const q = new LatestOnly<PreviewArg, FramePreview>(
      (arg) => fetchPreview(api, arg),
      (doneKey, arg, outcome) => {
        if (outcome.ok) {
          setSettled({ key: doneKey, preview: outcome.value, previewPath: arg.path, error: null, errorKey: null });
        } else if (!isConnectionLost(outcome.error)) {
          setSettled((s) => ({ ...s, key: doneKey, error: asStudioError(outcome.error), errorKey: doneKey }));
        } else {
          setSettled((s) => ({ ...s, key: doneKey }));
        }
      },
    );
    queue.current = q;
    return () => {
      q.dispose();
      queue.current = null;
    };
  }, [api]);

  useEffect(() => {
    if (key === null) return;
    const { nonce: _nonce, ...arg } = JSON.parse(key) as PreviewArg & { nonce: number };
    queue.current?.want(key, arg);
  }, [api, key]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  const sameSource = request !== null && settled.previewPath === request.path;
  return {
    preview: sameSource ? settled.preview : null,
    error: key !== null && settled.errorKey === key ? settled.error : null,
    busy: key !== null && settled.key !== key,
    refresh,
  };
}
