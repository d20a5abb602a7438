/** Job states as the job lists read them, progress percent, and merging updates that arrive out of order. */
import { describe, expect, it } from 'vitest';
import { JobKind, JobState } from '@shared/library';
import { isActive, isResumable, jobPercent, mergeJob, sortNewestFirst } from '../../../../src/renderer/src/jobs/jobState';
import { IMPORT_KINDS, JOB_KINDS, stateHint } from '../../../../src/renderer/src/jobs/kinds';
import { job } from '../fixtures';

describe('isActive and isResumable', () => {
  const expected: Record<JobState, { active: boolean; resumable: boolean }> = {
    queued: { active: true, resumable: false },
    running: { active: true, resumable: false },
    paused: { active: true, resumable: true },
    cancelling: { active: true, resumable: false },
    cancelled: { active: false, resumable: true },
    done: { active: false, resumable: false },
    failed: { active: false, resumable: false },
    interrupted: { active: false, resumable: true },
  };

  it('classifies every state of the contract', () => {
    // A state added to the contract must be classified here too.
    expect(Object.keys(expected).sort()).toEqual([...JobState.options].sort());
    for (const state of JobState.options) {
      const j = job({ state });
      expect({ active: isActive(j), resumable: isResumable(j) }, state).toEqual(expected[state]);
    }
  });
});

describe('jobPercent', () => {
  it('is 0 while the total is unknown', () => {
    expect(jobPercent(job({ progress: { done: 0, total: 0, fraction: 0.7 } }))).toBe(0);
  });

  it('counts how far the item in flight is, rounded down', () => {
    expect(jobPercent(job({ progress: { done: 1, total: 4, fraction: 0.5 } }))).toBe(37); // 1.5 / 4
    expect(jobPercent(job({ progress: { done: 0, total: 1, fraction: 0.999 } }))).toBe(99);
  });

  it('does not show 100 % before the last item is done', () => {
    expect(jobPercent(job({ progress: { done: 99, total: 100, fraction: 0.99 } }))).toBe(99);
  });

  it('ignores a stale fraction once every item is done, and never passes 100', () => {
    expect(jobPercent(job({ progress: { done: 4, total: 4, fraction: 0.8 } }))).toBe(100);
    expect(jobPercent(job({ progress: { done: 5, total: 4, fraction: 0 } }))).toBe(100);
  });

  it('counts in the work unit when the job has one, since its items differ in size', () => {
    // 1 of 2 segments done, but the first held 30 of 240 frames and the second is 10 % in.
    const work = { unit: 'frames', done: 51, total: 240, rate: 24 };
    expect(jobPercent(job({ progress: { done: 1, total: 2, fraction: 0.1, work } }))).toBe(21);
    expect(jobPercent(job({ progress: { done: 0, total: 0, fraction: 0, work: { ...work, done: 0, total: 0 } } }))).toBe(0);
  });
});

describe('mergeJob', () => {
  const a = job({ id: 'a', createdAt: '2024-01-01T10:00:00.000Z', updatedAt: '2024-01-01T10:00:00.000Z' });
  const b = job({ id: 'b', createdAt: '2024-01-01T11:00:00.000Z', updatedAt: '2024-01-01T11:00:00.000Z' });
  const c = job({ id: 'c', createdAt: '2024-01-01T12:00:00.000Z', updatedAt: '2024-01-01T12:00:00.000Z' });

  it('inserts a new job in newest-first order by creation', () => {
    expect(mergeJob([c, a], b).map((j) => j.id)).toEqual(['c', 'b', 'a']);
    expect(mergeJob([], a)).toEqual([a]);
  });

  it('replaces a job with a newer update, keeping its place by creation time', () => {
    const newer = { ...a, state: 'done' as const, updatedAt: '2024-01-01T13:00:00.000Z' };
    const merged = mergeJob([c, b, a], newer);
    expect(merged.map((j) => j.id)).toEqual(['c', 'b', 'a']);
    expect(merged[2]!.state).toBe('done');
  });

  it('drops an update older than the one held (a call result arriving after its event), returning the same list', () => {
    const held = { ...b, state: 'done' as const, updatedAt: '2024-01-01T14:00:00.000Z' };
    const list = [c, held, a];
    const stale = { ...b, state: 'running' as const, updatedAt: '2024-01-01T13:59:59.999Z' };
    expect(mergeJob(list, stale)).toBe(list);
    expect(list[1]!.state).toBe('done');
  });

  it('takes an update with the same timestamp (the later message wins)', () => {
    const same = { ...b, title: 'renamed' };
    expect(mergeJob([c, b, a], same)[1]!.title).toBe('renamed');
  });

  it('never mutates the list it is given', () => {
    const list = [a, c];
    const copy = [...list];
    mergeJob(list, b);
    expect(list).toEqual(copy);
  });

  it('sorts by creation time, newest first', () => {
    expect(sortNewestFirst([a, c, b]).map((j) => j.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('job kinds', () => {
  it('describe every kind of the contract and give a hint for every state', () => {
    for (const kind of JobKind.options) {
      expect(JOB_KINDS[kind].label, kind).not.toBe('');
      for (const state of JobState.options) expect(stateHint(job({ kind, state })), `${kind} ${state}`).not.toBe('');
    }
    expect(stateHint(job({ kind: 'convert-clip', state: 'running' }))).toBe(JOB_KINDS['convert-clip'].runningHint);
  });

  it('count only the kinds that add images as imports', () => {
    expect([...IMPORT_KINDS].sort()).toEqual(['import-photos', 'import-set', 'import-video']);
  });
});
