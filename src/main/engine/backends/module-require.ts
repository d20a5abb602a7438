/**
 * A CommonJS require anchored at this file. From src (vitest, tsx) it resolves in the repository's
 * node_modules; from a bundled out/main/*.js (electron-vite keeps node_modules external) it resolves from
 * out/main upwards, which reaches the same node_modules. tfjs packages ship CommonJS for Node, so loading them
 * through require (not import) also guarantees they share the one @tensorflow/tfjs-core instance.
 */
import { createRequire } from 'node:module';

export const requireFromHere = createRequire(import.meta.url);

/** The first line of an error's message, for one-line reasons. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

/** True when `err` says the module `id` itself is absent (not one of its own dependencies or binaries). */
export function isMissingModule(err: unknown, id: string): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(`'${id}'`);
}
