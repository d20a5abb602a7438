import { describe, expect, it } from 'vitest';
import { calls, events, isCallName, parseCallInput } from '@shared/contract';
import { fromErrorData, StudioError, toErrorData } from '@shared/errors';
import { EVENT_NAMES } from '../../../src/preload/event-names';

describe('contract validation', () => {
  it('fills defaults and accepts a valid argument', () => {
    expect(parseCallInput('library.open', { path: '/tmp/lib' })).toEqual({ path: '/tmp/lib', create: false });
    expect(parseCallInput('images.list', { setId: 3 })).toEqual({ setId: 3, offset: 0, limit: 200 });
  });

  it('names the offending field in a wrong-type argument', () => {
    try {
      parseCallInput('import.photos', { folder: 42, setName: 'photos' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(StudioError);
      expect((err as StudioError).code).toBe('VALIDATION');
      expect((err as StudioError).field).toBe('folder');
      expect((err as StudioError).message).toMatch(/^import\.photos: folder: /);
    }
  });

  it('names a missing field, a nested constraint and an unknown key', () => {
    expect(() => parseCallInput('sets.create', { kind: 'style' })).toThrow(/sets\.create: name:/);
    expect(() => parseCallInput('sets.create', { name: 'a/b', kind: 'style' })).toThrow(/name: set name may not contain slashes/);
    expect(() => parseCallInput('images.list', { setId: 1, limit: 10_000 })).toThrow(/images\.list: limit:/);
    expect(() => parseCallInput('library.open', { path: '/x', extra: 1 })).toThrow(/library\.open: extra:/);
  });

  it('treats a missing argument as an empty object', () => {
    expect(parseCallInput('sets.list', undefined)).toEqual({});
  });

  it('recognises only contract method names', () => {
    expect(isCallName('library.open')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
    expect(Object.keys(calls).length).toBeGreaterThan(5);
  });

  it('keeps the preload event list equal to the contract events', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('round-trips errors through the wire form', () => {
    const e = fromErrorData(toErrorData(new StudioError('VALIDATION', 'x: bad', 'x')));
    expect(e).toMatchObject({ code: 'VALIDATION', message: 'x: bad', field: 'x' });
    expect(toErrorData(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});

describe('paths in calls', () => {
  it('must be absolute or start with ~', () => {
    for (const ok of ['/home/a/lib', '~', '~/Pictures', 'C:\\Users\\a', 'D:/films', '\\\\nas\\share']) {
      expect(() => parseCallInput('library.open', { path: ok }), ok).not.toThrow();
    }
    for (const bad of ['relative/lib', './lib', '~user/x', '   ']) {
      expect(() => parseCallInput('library.open', { path: bad }), bad).toThrow(/library\.open: path: /);
    }
  });
});
