/**
 * A new run's starting size, width and steps for the hardware training would run on. On a GPU the contract's
 * defaults (the papers' 256 px, full width); on a CPU smaller ones, since a full-size AnimeGANv2 step takes seconds
 * there and 20,000 of them take days. "Estimate time" then measures the chosen settings on the machine itself.
 */
import { TrainConfig } from './training';

/** Starting values for the new-run form, and a note saying why when they differ from the contract's. */
export interface MachineDefaults {
  size: number;
  width: number;
  steps: number;
  note: string | null;
}

/** On a CPU: a quarter of the pixels and about a third of the generator's work per step, and fewer steps. */
const CPU = { size: 128, width: 0.5, steps: 3000 } as const;

/** The defaults for a machine whose training backend is (`gpu`) or is not a GPU. */
export function machineDefaults(gpu: boolean): MachineDefaults {
  if (gpu) {
    return {
      size: TrainConfig.shape.size.parse(undefined),
      width: TrainConfig.shape.width.parse(undefined),
      steps: TrainConfig.shape.steps.parse(undefined),
      note: null,
    };
  }
  return {
    ...CPU,
    note: `Training here runs on the CPU (no GPU found), so the form starts smaller: ${CPU.size} px, width ${CPU.width}, ${CPU.steps.toLocaleString('en-US')} steps. "Estimate time" measures what that takes on this machine.`,
  };
}
