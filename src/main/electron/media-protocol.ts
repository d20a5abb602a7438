/** Serves stored images to the window as `cel-media://thumb/<sha256>` without giving the page file access. */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { isMediaHash, MEDIA_VARIANTS, type MediaVariant } from '@shared/contract';
import { MEDIA_PROTOCOL } from '@shared/wire';
import type { HostApi } from '../host/host-api';

/** Must run before `app.ready`: marks the scheme secure and fetchable. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_PROTOCOL, privileges: { secure: true, standard: true } }]);
}

/** Answers media requests from the host's open library; anything else is 404. */
export function handleMediaProtocol(host: HostApi): void {
  protocol.handle(MEDIA_PROTOCOL, async (request) => {
    const url = new URL(request.url);
    const variant = url.hostname;
    const hash = url.pathname.replace(/^\//, '');
    if (!MEDIA_VARIANTS.includes(variant as MediaVariant) || !isMediaHash(hash)) {
      return new Response('not found', { status: 404 });
    }
    const path = await host.mediaPath(hash, variant as MediaVariant);
    if (!path) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(path).toString());
  });
}
