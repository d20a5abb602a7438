import type { StudioApi } from '@shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode, where the page builds its own API over WebSocket. */
    studio?: StudioApi;
  }
}

export {};
