/**
 * `npm run bench quality [-- --minutes N] [-- --from file.pt]`: what a "quick look" budget buys on this machine.
 * Two AnimeGANv2 runs train side by side for the same wall-clock time on the corpus (style images as the style
 * set, photos as content): one fine-tuned from an imported animegan2-pytorch generator, one from scratch. Each
 * reports the style distance of its validation outputs to the style set and their content PSNR before and after,
 * and the change. Issue 10's target: the fine-tune moves the style distance down at least 30 % within the quick
 * look (10 min) while PSNR stays at 20 dB or more.
 *
 * The generator comes from `--from` (a published one such as animegan2-pytorch's paprika.pt); without it, the
 * random-weight fixture in ../shared stands in, which exercises the path but is no pretrained start.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { selectBackend } from '../../src/main/engine/backends';
import { generatorFromAnimegan2Pytorch } from '../../src/main/engine/import/animegan2-pytorch';
import { readTorchStateDict } from '../../src/main/engine/import/torch-state-dict';
import { loadImages, type TrainingImage } from '../../src/main/engine/training/dataset';
import { loadVgg19 } from '../../src/main/engine/vgg';
import { sharedPath } from '../../test/support/shared-assets';
import { trainerOn } from '../../test/support/trainer-on';
import { table, type Cell } from '../table';

const SIZE = 128;
const BATCH = 2;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function images(dir: string, n: number): Promise<TrainingImage[]> {
  const files = readdirSync(dir).filter((f) => /\.(png|jpe?g|webp)$/i.test(f)).sort().slice(0, n);
  return loadImages(files.map((f) => join(dir, f)), SIZE);
}

/** Trains for `seconds` of wall-clock time; returns the validation measures before and after and the steps run. */
async function budgetRun(
  label: string,
  start: string | null,
  seconds: number,
  data: { style: TrainingImage[]; content: TrainingImage[] },
  vggDir: string,
  work: string,
): Promise<Cell[]> {
  const vgg = await loadVgg19(vggDir);
  const startGenerator = start ? generatorFromAnimegan2Pytorch(readTorchStateDict(readFileSync(start), basename(start)), basename(start)).generator : undefined;
  const trainer = trainerOn({
    config: {
      model: 'animeganv2',
      preset: 'hayao',
      size: SIZE,
      steps: 1_000_000,
      width: 1,
      batch: BATCH,
      seed: 1,
      metricsEvery: 10,
      previewEvery: 1_000_000,
      checkpointEvery: 1_000_000,
      ...(start ? { startFrom: { kind: 'imported' as const, name: 'bench' }, flavour: 'animegan2-pytorch' as const } : {}),
    },
    images: data.style,
    content: data.content,
    vgg,
    checkpointDir: join(work, label),
    startGenerator,
  });
  try {
    const before = await trainer.validate();
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) await trainer.trainStep();
    const after = await trainer.validate();
    const change = ((after.styleDist - before.styleDist) / before.styleDist) * 100;
    const meets = start ? (change <= -30 && after.psnr >= 20 ? 'yes' : 'no') : '';
    const kid = (v: number | null): Cell => (v === null ? '' : v);
    return [label, trainer.step, before.styleDist, after.styleDist, change, kid(before.kid), kid(after.kid), before.psnr, after.psnr, meets];
  } finally {
    trainer.dispose();
  }
}

/** Runs the quality benchmark and returns its printed table. */
export async function benchQuality(): Promise<string> {
  const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
  const styleDir = sharedPath('corpus/style');
  const photoDir = sharedPath('corpus/photos');
  const start = option('from') ?? sharedPath('weights/animegan2-pytorch-random-seed1/generator.pt');
  if (!vggDir || !styleDir || !photoDir || !start) return '\nQuality benchmark skipped: ../shared is missing';
  const minutes = Number(option('minutes') ?? 10);
  const backend = await selectBackend();
  const data = { style: await images(styleDir, 32), content: await images(photoDir, 32) };
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-quality-'));
  try {
    const rows: Cell[][] = [];
    for (const [label, from] of [
      [`fine-tune from ${basename(start)}`, start],
      ['from scratch', null],
    ] as const) {
      rows.push(await budgetRun(label, from, minutes * 60, data, vggDir, work));
      console.error(`quality: ${label} done`);
    }
    const note = option('from')
      ? ''
      : '\n(the random-weight fixture stands in for a published generator: pass --from paprika.pt for the real target)';
    return (
      table(
        `Quality in a ${minutes}-minute budget on ${backend.name}: AnimeGANv2 width 1, ${SIZE} px, batch ${BATCH}, corpus style vs photos`,
        ['run', 'steps', 'style dist 0', 'style dist end', 'change %', 'KID 0', 'KID end', 'PSNR 0', 'PSNR end', 'meets target'],
        rows,
      ) + note
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
