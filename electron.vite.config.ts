import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const shared = { '@shared': resolve(__dirname, 'src/shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // The Electron entry, the services' own process and the headless CLI share every service module.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          'host-process': resolve(__dirname, 'src/main/host-process.ts'),
          'train-worker': resolve(__dirname, 'src/main/train-worker.ts'),
          'stylize-worker': resolve(__dirname, 'src/main/stylize-worker.ts'),
          // The device doctor's scan: a short-lived process, so probing never switches the services' own backend.
          'device-probe': resolve(__dirname, 'src/main/engine/devices/probe-entry.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    resolve: { alias: shared },
    plugins: [react()],
  },
});
