/** The new-run form: what it sends, which field it blames, and run states as the runs list reads them. */
import { describe, expect, it } from 'vitest';
import { parseCallInput } from '@shared/contract';
import type { SetSummary } from '@shared/library';
import { RunState, type ModelInfo } from '@shared/training';
import { buildStartArg, DEFAULT_FORM, defaultSet, paramsAtWidth, usableCount, type NewRunForm } from '../../../../src/renderer/src/features/training/new-run/runFormState';
import { byCreatedDesc, canPause, canResume, canSteer, canStop, isLive, runStateHint } from '../../../../src/renderer/src/features/training/runs/runState';
import { run } from '../fixtures';

const ready: NewRunForm = { ...DEFAULT_FORM, styleSetId: 1, contentSetId: 2 };
const model = { name: 'unet-cycle', title: 'U-Net cycle', sizeMultiple: 32 } as ModelInfo;

function problemField(form: Partial<NewRunForm>, m?: ModelInfo): string | null {
  const r = buildStartArg({ ...ready, ...form }, m);
  return 'problem' in r ? r.problem.field : null;
}

describe('buildStartArg', () => {
  it('sends the defaults as an argument the contract accepts unchanged', () => {
    const r = buildStartArg(ready, undefined);
    if (!('arg' in r)) throw new Error(r.problem.message);
    expect(r.arg).toEqual({
      styleSetId: 1,
      contentSetId: 2,
      config: { model: 'animeganv2', preset: 'hayao', size: 256, steps: 20_000, width: 1, seed: 1, metricsEvery: 10, previewEvery: 200, checkpointEvery: 500, checkpointMinutes: 5 },
    });
    expect(parseCallInput('train.start', r.arg)).toEqual(r.arg);
  });

  it('adds the optional name, batch and init steps only when typed', () => {
    const r = buildStartArg({ ...ready, name: '  Hayao test ', batch: '8', initSteps: '0' }, undefined);
    expect(r).toMatchObject({ arg: { name: 'Hayao test', config: { batch: 8, initSteps: 0 } } });
    const blank = buildStartArg({ ...ready, name: '   ' }, undefined);
    expect('arg' in blank && 'name' in blank.arg).toBe(false);
  });

  it('sends what to start from, and refuses a value it cannot read', () => {
    expect(buildStartArg({ ...ready, startFrom: 'imported:paprika' }, undefined)).toMatchObject({ arg: { config: { startFrom: { kind: 'imported', name: 'paprika' } } } });
    const run = buildStartArg({ ...ready, startFrom: 'run:run-abc-123' }, undefined);
    if (!('arg' in run)) throw new Error(run.problem.message);
    expect(run.arg.config?.startFrom).toEqual({ kind: 'run', name: 'run-abc-123' });
    expect(parseCallInput('train.start', run.arg)).toEqual(run.arg);
    expect(problemField({ startFrom: 'somewhere' })).toBe('config.startFrom');
    expect('startFrom' in ((buildStartArg(ready, undefined) as { arg: { config: object } }).arg.config)).toBe(false);
  });

  it('asks for both sets first', () => {
    expect(problemField({ styleSetId: null })).toBe('styleSetId');
    expect(problemField({ contentSetId: null })).toBe('contentSetId');
  });

  it('refuses one set as both style and content', () => {
    expect(problemField({ contentSetId: ready.styleSetId })).toBe('contentSetId');
  });

  it('blames each field by the name the service uses', () => {
    expect(problemField({ size: '15' })).toBe('config.size');
    expect(problemField({ size: '1025' })).toBe('config.size');
    expect(problemField({ size: '256.5' })).toBe('config.size');
    expect(problemField({ size: '' })).toBe('config.size');
    expect(problemField({ steps: '0' })).toBe('config.steps');
    expect(problemField({ width: '0.01' })).toBe('config.width');
    expect(problemField({ width: '' })).toBe('config.width');
    expect(problemField({ width: '1.5' })).toBe('config.width');
    expect(problemField({ seed: '-1' })).toBe('config.seed');
    expect(problemField({ metricsEvery: 'ten' })).toBe('config.metricsEvery');
    expect(problemField({ previewEvery: '0' })).toBe('config.previewEvery');
    expect(problemField({ checkpointEvery: '1.5' })).toBe('config.checkpointEvery');
    expect(problemField({ checkpointMinutes: '0' })).toBe('config.checkpointMinutes');
    expect(problemField({ checkpointMinutes: '' })).toBe('config.checkpointMinutes');
    expect(problemField({ checkpointMinutes: '2000' })).toBe('config.checkpointMinutes');
    expect(problemField({ checkpointMinutes: '0.5' })).toBeNull();
    expect(problemField({ batch: '65' })).toBe('config.batch');
    expect(problemField({ initSteps: '-3' })).toBe('config.initSteps');
  });

  it('requires the model’s size multiple, naming the model', () => {
    expect(problemField({ size: '256' }, model)).toBeNull();
    const r = buildStartArg({ ...ready, size: '250' }, model);
    expect(r).toEqual({ problem: { field: 'config.size', message: 'Size must be a multiple of 32 for U-Net cycle' } });
  });

  it('never sends what the contract would refuse', () => {
    const variants: Partial<NewRunForm>[] = [
      { size: '16' }, { size: '1024' }, { steps: '1' }, { steps: '10000000' }, { width: '0.05' }, { width: '1' },
      { seed: '0' }, { batch: '1' }, { batch: '64' }, { initSteps: '0' }, { name: 'x'.repeat(80) }, { size: '1e3' },
    ];
    for (const v of variants) {
      const r = buildStartArg({ ...ready, ...v }, undefined);
      if ('arg' in r) expect(() => parseCallInput('train.start', r.arg), JSON.stringify(v)).not.toThrow();
    }
  });
});

describe('defaultSet', () => {
  const set = (id: number, kind: SetSummary['kind'], imageCount: number, binCount = 0): SetSummary => ({ id, name: `s${id}`, kind, imageCount, binCount, createdAt: '' });

  it('preselects the largest set of the wanted kind, else the largest of all, else none', () => {
    const sets = [set(1, 'style', 10), set(2, 'content', 500), set(3, 'style', 40)];
    expect(defaultSet(sets, 'style')).toBe(3);
    expect(defaultSet(sets, 'content')).toBe(2);
    expect(defaultSet([set(1, 'style', 10), set(3, 'style', 40)], 'content')).toBe(3);
    expect(defaultSet([], 'style')).toBeNull();
  });

  it('weighs sets by the images a run trains on, not counting rejected ones in the bin', () => {
    expect(defaultSet([set(1, 'style', 100, 80), set(2, 'style', 40)], 'style')).toBe(2);
    expect(usableCount(set(1, 'style', 100, 80))).toBe(20);
  });

  it('does not reorder the list it is given', () => {
    const sets = [set(1, 'style', 1), set(2, 'style', 2)];
    defaultSet(sets, 'style');
    expect(sets.map((s) => s.id)).toEqual([1, 2]);
  });
});

describe('paramsAtWidth', () => {
  it('scales with the square of the width', () => {
    expect(paramsAtWidth(1000, 1)).toBe(1000);
    expect(paramsAtWidth(1000, 0.5)).toBe(250);
  });
});

describe('run states', () => {
  it('offer pause, stop and steering only where the run can act on them', () => {
    const table = RunState.options.map((s) => [s, isLive(s), canPause(s), canStop(s), canSteer(s)]);
    expect(table).toEqual([
      ['starting', true, false, true, false],
      ['running', true, true, true, true],
      ['paused', false, false, true, false],
      ['stopped', false, false, false, false],
      ['done', false, false, false, false],
      ['failed', false, false, false, false],
      ['interrupted', false, false, false, false],
    ]);
  });

  it('resume a paused run, and a stopped, failed or interrupted one only if steps are left', () => {
    for (const state of RunState.options) {
      const unfinished = canResume(run({ state, step: 500, totalSteps: 1000 }));
      const finished = canResume(run({ state, step: 1000, totalSteps: 1000 }));
      expect([state, unfinished, finished]).toEqual([
        state,
        ['paused', 'stopped', 'failed', 'interrupted'].includes(state),
        state === 'paused',
      ]);
    }
  });

  it('hint at every state, naming the checkpoint a resume starts from', () => {
    for (const state of RunState.options) expect(runStateHint(run({ state })), state).not.toBe('');
    expect(runStateHint(run({ state: 'paused', step: 120, lastCheckpointStep: null }))).toMatch(/step 120/);
    expect(runStateHint(run({ state: 'interrupted', lastCheckpointStep: 500 }))).toMatch(/step 500/);
    expect(runStateHint(run({ state: 'interrupted', lastCheckpointStep: null }))).toMatch(/before its first checkpoint/);
  });

  it('sort newest first, and runs created together by id, so the order is stable', () => {
    const runs = [
      run({ id: 'a', createdAt: '2024-01-01T00:00:00Z' }),
      run({ id: 'c', createdAt: '2024-02-01T00:00:00Z' }),
      run({ id: 'b', createdAt: '2024-02-01T00:00:00Z' }),
    ];
    expect([...runs].sort(byCreatedDesc).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect([...runs].reverse().sort(byCreatedDesc).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
