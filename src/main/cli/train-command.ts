/**
 * `cel-studio train` and `cel-studio models`: training headless, writing the same run records the dashboard
 * reads, and the model list with parameter counts at full width.
 */
import type { OnnxExportResult } from '@shared/convert';
import { formatPlanDuration } from '@shared/durations';
import { StudioError } from '@shared/errors';
import type { SetSummary } from '@shared/library';
import { ModelName, PresetName, TrainConfig, type RunSummary, type TrainEstimate } from '@shared/training';
import { StudioHost } from '../host/studio-host';
import { importedGeneratorRecord } from '../services/models/generator-store';
import { resolve } from 'node:path';
import { flag, numberFlag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';
import { budgetOption, formatBudgetPlan, planForMachine } from './train-budget';

/** The run settings a number flag gives. */
type NumberSetting = 'size' | 'steps' | 'width' | 'batch' | 'seed' | 'checkpointEvery' | 'checkpointMinutes' | 'initSteps';

function setByName(sets: SetSummary[], name: string, option: string): SetSummary {
  const set = sets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!set) throw new StudioError('NOT_FOUND', `no set called "${name}" (--${option}); sets: ${sets.map((s) => s.name).join(', ') || 'none'}`, option);
  return set;
}

/** One progress line of a run. */
export function formatRun(run: RunSummary, last?: { con: number | null; gTotal: number | null; dTotal: number | null; psnr: number | null }): string {
  const pct = Math.floor((run.step / run.totalSteps) * 100);
  const eta = run.etaSeconds === null ? '' : ` ETA ${Math.ceil(run.etaSeconds)}s`;
  const f = (label: string, v: number | null | undefined): string => (v === null || v === undefined ? '' : ` ${label} ${v.toPrecision(4)}`);
  return `step ${run.step}/${run.totalSteps} (${pct}%)${f('G', last?.gTotal)}${f('D', last?.dTotal)}${f('con', last?.con)}${f('psnr', last?.psnr)} ${run.stepsPerSecond.toFixed(2)} steps/s${eta}`;
}

/**
 * `cel-studio train --library DIR --style SET --content SET [--model M] [--preset P] [--size N] [--steps N]
 * [--width W] [--batch N] [--seed N] [--checkpoint-every N] [--checkpoint-minutes M] [--from NAME|RUN] [--init-steps N]
 * [--estimate] [--budget 10m|1h|8h|quick|hour|overnight] [--resume]`. `--budget` measures a step here and plans the
 * run for that time (size and width up to the given ones, steps, checkpoint and preview intervals), measures again at
 * the planned size, and trains that plan; with `--estimate` it only prints it. `--from` starts the generator from an
 * imported model or another run (its model and width unless given; the content-only init is then skipped unless
 * --init-steps says otherwise). Ctrl-C stops after
 * the current step with a checkpoint. `--resume` continues the newest unfinished run of these sets and model from its
 * last checkpoint (a run whose process was killed counts at once), and fails when there is none.
 */
export async function trainCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, [
    'library', 'style', 'content', 'model', 'preset', 'size', 'steps', 'width', 'batch', 'seed', 'checkpoint-every', 'checkpoint-minutes', 'resume', 'name',
    'from', 'init-steps', 'estimate', 'budget',
  ]);
  const budgetText = flag(args, 'budget');
  const budget = budgetText === undefined ? undefined : budgetOption(budgetText);
  if (budget !== undefined && args.flags.has('resume')) throw new StudioError('BAD_INPUT', '--budget plans a new run: leave it out with --resume', 'budget');
  if (budget !== undefined && flag(args, 'steps') !== undefined) throw new StudioError('BAD_INPUT', '--budget sets the steps: leave out --steps', 'steps');
  const model = ModelName.safeParse(flag(args, 'model') ?? 'animeganv2');
  if (!model.success) throw new StudioError('BAD_INPUT', `--model must be one of ${ModelName.options.join(', ')}`, 'model');
  const preset = PresetName.safeParse(flag(args, 'preset') ?? 'hayao');
  if (!preset.success) throw new StudioError('BAD_INPUT', `--preset must be one of ${PresetName.options.join(', ')}`, 'preset');
  // Number flags, read against TrainConfig's schema for their settings before anything is opened.
  const setting = (name: string, key: NumberSetting) => numberFlag(args, name, TrainConfig.shape[key]);
  const numbers = {
    size: setting('size', 'size'),
    steps: setting('steps', 'steps'),
    width: setting('width', 'width'),
    batch: setting('batch', 'batch'),
    seed: setting('seed', 'seed'),
    checkpointEvery: setting('checkpoint-every', 'checkpointEvery'),
    checkpointMinutes: setting('checkpoint-minutes', 'checkpointMinutes'),
    initSteps: setting('init-steps', 'initSteps'),
  };
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    await host.openLibrary(flag(args, 'library', true), false);
    const sets = (await host.dispatch('sets.list', {}, { transport: 'cli' })) as SetSummary[];
    const style = setByName(sets, flag(args, 'style', true), 'style');
    const content = setByName(sets, flag(args, 'content', true), 'content');
    const { runs } = host.open();
    let run: RunSummary;
    if (args.flags.has('resume')) {
      const mine = runs.list().filter((r) => r.styleSetId === style.id && r.contentSetId === content.id && r.config.model === model.data);
      const resumable = mine.find((r) => ['interrupted', 'stopped', 'failed'].includes(r.state) && r.step < r.totalSteps);
      if (!resumable) {
        const busy = mine.find((r) => ['starting', 'running', 'paused'].includes(r.state));
        if (busy) throw new StudioError('CONFLICT', `run ${busy.id} of these sets is ${busy.state} in another process; stop it there first`);
        throw new StudioError(
          'NOT_FOUND',
          `nothing to resume: no unfinished ${model.data} run of "${style.name}" on "${content.name}"; leave out --resume to start one`,
        );
      }
      io.stderr.write(`resuming run ${resumable.id} from step ${resumable.lastCheckpointStep ?? 0}\n`);
      run = runs.resume(resumable.id);
    } else {
      const config: Partial<TrainConfig> = {
        model: model.data,
        preset: preset.data,
        ...numbers,
      };
      const from = flag(args, 'from');
      if (from) {
        // An imported model's name, else a run id; its model and width are the run's unless the user gave them.
        const imported = importedGeneratorRecord(host.open().library.root, from);
        const source = imported ? undefined : runs.list().find((r) => r.id === from);
        config.startFrom = { kind: imported ? 'imported' : 'run', name: from };
        if (flag(args, 'model') === undefined) config.model = imported?.model ?? source?.config.model ?? config.model;
        config.width ??= imported?.width ?? source?.config.width ?? undefined;
        const what = imported ? `imported model "${from}"` : `run ${from}`;
        const init = config.initSteps === undefined ? 'the content-only init is skipped (--init-steps N keeps one)' : `${config.initSteps} init steps`;
        io.stderr.write(`starting the generator from ${what}; the discriminator starts fresh; ${init}\n`);
      }
      for (const k of Object.keys(config) as (keyof TrainConfig)[]) if (config[k] === undefined) delete config[k];
      if (budget !== undefined) {
        const planned = await planForMachine(host, { styleSetId: style.id, contentSetId: content.id }, config, budget, io);
        const { plan } = planned;
        io.stdout.write(`${formatBudgetPlan(planned)}\n`);
        io.stderr.write(`  ${plan.reason}\n`);
        if (args.flags.has('estimate')) return 0;
        // The plan's settings, but checkpoint intervals given on the command line win.
        Object.assign(config, {
          size: plan.size,
          steps: plan.steps,
          previewEvery: plan.previewEvery,
          checkpointEvery: config.checkpointEvery ?? plan.checkpointEvery,
          checkpointMinutes: config.checkpointMinutes ?? plan.checkpointMinutes,
          ...(config.startFrom ? {} : { width: plan.width }),
        });
      } else if (args.flags.has('estimate')) {
        io.stderr.write('measuring a step of each phase on the device a run would get...\n');
        const e = (await host.dispatch('train.estimate', { styleSetId: style.id, contentSetId: content.id, config }, { transport: 'cli' })) as TrainEstimate;
        io.stdout.write(`${formatEstimate(e)}\n`);
        return 0;
      }
      run = (await host.dispatch(
        'train.start',
        { styleSetId: style.id, contentSetId: content.id, name: flag(args, 'name'), config },
        { transport: 'cli' },
      )) as RunSummary;
    }
    return await followRun(host, run.id, io);
  } finally {
    await host.dispose();
  }
}

async function followRun(host: StudioHost, id: string, io: CliIo): Promise<number> {
  const { runs } = host.open();
  let last: { con: number | null; gTotal: number | null; dTotal: number | null; psnr: number | null } | undefined;
  let printed = 0;
  let announced = false;
  const done = new Promise<RunSummary>((resolve) => {
    host.onEvent((event, payload) => {
      if (event === 'run.metrics' && (payload as { runId: string }).runId === id) {
        const points = (payload as { points: typeof last[] }).points;
        last = points.at(-1) ?? last;
      }
      if (event !== 'run.updated' || (payload as RunSummary).id !== id) return;
      const run = payload as RunSummary;
      if (run.backend && !announced) {
        // Said once, as soon as the training process has picked its device: which GPU (or CPU path) and why.
        announced = true;
        io.stdout.write(`training on ${run.backend}\n`);
      }
      if (['done', 'stopped', 'failed', 'interrupted'].includes(run.state)) resolve(run);
      else if (Date.now() - printed > (io.stderr.isTTY ? 250 : 2000)) {
        printed = Date.now();
        io.stderr.write(io.stderr.isTTY ? `\r\x1b[2K${formatRun(run, last)}` : `${formatRun(run, last)}\n`);
      }
    });
  });
  const onSigint = (): void => {
    io.stderr.write('\nstopping after the current step (a checkpoint is written)...\n');
    runs.stop(id);
  };
  process.once('SIGINT', onSigint);
  try {
    const run = await done;
    if (io.stderr.isTTY) io.stderr.write('\n');
    io.stdout.write(`run ${run.id}: ${run.state} at step ${run.step}/${run.totalSteps} on ${run.backend ?? 'no backend'}\n`);
    if (run.vggNote) io.stdout.write(`  ${run.vggNote}\n`);
    if (run.state === 'failed' || run.state === 'interrupted') throw new StudioError('INTERNAL', run.error ?? `the run ended ${run.state}`);
    return run.state === 'stopped' ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `cel-studio export-onnx <run-id> -o <file.onnx> --library DIR [--overwrite]`: a run's generator as ONNX. */
export async function exportOnnxCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['output', 'library', 'overwrite']);
  const runId = args.positionals[1];
  if (!runId) throw new StudioError('BAD_INPUT', 'usage: cel-studio export-onnx <run-id> -o <file.onnx> --library <dir>');
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    await host.openLibrary(flag(args, 'library', true), false);
    const arg = { runId, output: resolve(flag(args, 'output', true)), overwrite: args.flags.has('overwrite') };
    const done = (await host.dispatch('runs.exportOnnx', arg, { transport: 'cli' })) as OnnxExportResult;
    io.stdout.write(`${done.path}: ${done.model} at width ${done.width}, step ${done.step}, ${done.bytes} bytes\n`);
    return 0;
  } finally {
    await host.dispose();
  }
}

/** E.g. `about 13 h 24 min for 20,000 steps on wasm (...): 2.41 s a step (120 init steps at 0.83 s)`. */
export function formatEstimate(e: TrainEstimate): string {
  const init = e.initSecondsPerStep === null || e.initSteps === 0 ? '' : ` (${e.initSteps.toLocaleString('en-US')} init steps at ${e.initSecondsPerStep.toFixed(2)} s)`;
  return `about ${formatPlanDuration(e.totalSeconds)} for ${e.steps.toLocaleString('en-US')} steps on ${e.backend}: ${e.secondsPerStep.toFixed(2)} s a step${init}; checkpoints and previews add a little`;
}
