/** A new run's starting settings follow the hardware: the contract's on a GPU, smaller ones on a CPU. */
import { describe, expect, it } from 'vitest';
import { TrainConfig } from '@shared/training';
import { machineDefaults } from '@shared/training-defaults';

describe('machine defaults for a new run', () => {
  it('are the contract defaults on a GPU, with nothing to explain', () => {
    const parsed = TrainConfig.parse({ model: 'animeganv2', preset: 'hayao' });
    expect(machineDefaults(true)).toEqual({ size: parsed.size, width: parsed.width, steps: parsed.steps, note: null });
  });

  it('are smaller on a CPU, valid for the contract, and say why', () => {
    const cpu = machineDefaults(false);
    const gpu = machineDefaults(true);
    expect(cpu.size * cpu.size * cpu.width).toBeLessThan(gpu.size * gpu.size * gpu.width);
    expect(cpu.steps).toBeLessThan(gpu.steps);
    expect(() => TrainConfig.parse({ model: 'animeganv2', preset: 'hayao', size: cpu.size, width: cpu.width, steps: cpu.steps })).not.toThrow();
    expect(cpu.note).toMatch(/^Training here runs on the CPU \(no GPU found\), so the form starts smaller: 128 px, width 0\.5, 3,000 steps\./);
  });
});
