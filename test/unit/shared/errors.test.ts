/** Errors keep a readable message and one of our codes across the wire, whatever was thrown. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromErrorData, isStudioErrorCode, StudioError, toErrorData, type StudioErrorData } from '../../../src/shared/errors';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What the other side of a transport reads. */
function overTheWire(err: unknown): StudioErrorData {
  return JSON.parse(JSON.stringify(toErrorData(err))) as StudioErrorData;
}

/** The error a real mkdir under a regular file throws. */
function mkdirUnderFile(): { err: NodeJS.ErrnoException; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cel-errors-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'README.md'), 'x');
  const path = join(dir, 'README.md', 'x');
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    return { err: err as NodeJS.ErrnoException, path };
  }
  throw new Error('mkdir under a file succeeded');
}

describe('toErrorData', () => {
  it('turns a Node system error into IO with its meaning in words, surviving JSON', () => {
    const { err, path } = mkdirUnderFile();
    expect(err.code).toBe('ENOTDIR');
    const wire = overTheWire(err);
    expect(isStudioErrorCode(wire.code)).toBe(true);
    expect(wire.code).toBe('IO');
    expect(wire.message).toContain(path);
    expect(wire.message).toMatch(/part of that path is a file, not a folder/);
    expect(wire.message).toMatch(/ENOTDIR/);
    expect(Object.keys(wire).sort()).toEqual(['code', 'message']);
    expect(fromErrorData(wire)).toMatchObject({ code: 'IO', message: wire.message });
  });

  it('keeps the words of a system error without a path or with an unknown code', () => {
    const noPath = Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE', errno: -32, syscall: 'write' });
    expect(overTheWire(noPath)).toEqual({ code: 'IO', message: 'broken pipe, write (EPIPE, write)' });
    const known = Object.assign(new Error('x'), { code: 'ENOSPC', errno: -28, syscall: 'write', path: '/d/f' });
    expect(overTheWire(known)).toEqual({ code: 'IO', message: 'cannot write /d/f: the disk is full (ENOSPC, write)' });
  });

  it('passes a StudioError and wire data with one of our codes as plain objects', () => {
    expect(overTheWire(new StudioError('NOT_FOUND', 'gone', 'path'))).toEqual({ code: 'NOT_FOUND', message: 'gone', field: 'path' });
    expect(toErrorData({ code: 'CONFLICT', message: 'taken', extra: 1 })).toEqual({ code: 'CONFLICT', message: 'taken' });
  });

  it('makes data with a code that is not ours INTERNAL, never empty', () => {
    expect(toErrorData({ code: 'WHATEVER', message: 'odd' })).toEqual({ code: 'INTERNAL', message: 'odd' });
    expect(toErrorData(new Error(''))).toMatchObject({ code: 'INTERNAL' });
    expect(toErrorData(new Error('')).message).not.toBe('');
    expect(toErrorData(new StudioError('IO', '')).message).not.toBe('');
    expect(toErrorData('plain text')).toEqual({ code: 'INTERNAL', message: 'plain text' });
  });
});
