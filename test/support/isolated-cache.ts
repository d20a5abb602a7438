/**
 * Every test file gets its own per-user model cache (CEL_STUDIO_CACHE), removed after it: a download one test makes
 * never satisfies another's, and tests never write into the developer's real cache. Processes the tests start
 * inherit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const cache = mkdtempSync(join(tmpdir(), 'cel-cache-'));
process.env.CEL_STUDIO_CACHE = cache;
afterAll(() => rmSync(cache, { recursive: true, force: true }));
