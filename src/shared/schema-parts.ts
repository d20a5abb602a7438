/**
 * Small zod schemas that many shapes of the contract are built from, so that "a count" or "a SHA-256" means the
 * same check everywhere. Nothing here imports Node, the DOM or Electron.
 */
import { z } from 'zod';

/** A count of things, a size in pixels or bytes, a step: a whole number, never negative. */
export const Count = z.number().int().nonnegative();

/** A SHA-256 digest as 64 lowercase hex digits. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');

/** A library row's id (a set, an image in a set, a curation action): SQLite numbers them from 1. */
export const Id = z.number().int().positive();

/** A duration or a time within a clip, in seconds: never negative. */
export const Seconds = z.number().nonnegative();
