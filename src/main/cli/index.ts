/**
 * `cel-studio`: the studio's services headless. Errors exit non-zero with one clear line on stderr.
 *   cel-studio serve [--port N] [--host 127.0.0.1] [--library DIR]
 *   cel-studio import photos <folder> --library DIR --set NAME [--kind content|style]
 *   cel-studio import video <clip...> --library DIR --set NAME [sampling options]
 *   cel-studio jobs list|resume <id> --library DIR
 *   cel-studio convert <clip> -o <out> [--model ...]; cel-studio still <image|clip@time> -o <out.png>
 *   cel-studio devices [--library DIR] [--json] [--pin <backend>[:<adapter>]|--unpin]
 *   cel-studio worker --farm redis://host:6379 [--concurrency N]
 */
import { version } from '../../../package.json';
import { DEFAULT_VIDEO_SAMPLING } from '@shared/curation';
import { StudioError } from '@shared/errors';
import { parseArgs } from './args';
import { importPhotosCommand, importVideoCommand, jobsCommand, serveCommand, type CliIo } from './commands';
import { convertCommand, stillCommand } from './convert-command';
import { devicesCommand } from './devices-command';
import { modelsCommand, vggCommand } from './models-command';
import { reportCommand } from './report-command';
import { exportOnnxCommand, trainCommand } from './train-command';
import { workerCommand } from './worker-command';

/** The sampling `import video` uses unless told otherwise, in words, from the contract's defaults. */
function videoSamplingDefaults(): string {
  const { everySeconds, sceneThreshold, maxFrames } = DEFAULT_VIDEO_SAMPLING;
  const rules = [everySeconds !== null && `every ${everySeconds} s`, sceneThreshold !== null && `at scene changes over ${sceneThreshold}`];
  return `default: a frame ${rules.filter(Boolean).join(' and ')}, at most ${maxFrames} per clip`;
}

const USAGE = `usage:
  cel-studio serve [--port N] [--host 127.0.0.1] [--library DIR]
  cel-studio import photos <folder> --library DIR --set NAME [--kind content|style]
  cel-studio import video <clip...> --library DIR --set NAME [--kind style|content] [--every SECONDS|off]
                          [--scene THRESHOLD|off] [--max-frames N] [--keep-bars]
                          (${videoSamplingDefaults()})
  cel-studio train --library DIR --style SET --content SET [--model animeganv2|lwcomic|resnet-cbam|unet-cycle]
                   [--preset hayao|shinkai|paprika|kalin-akniyet|lwcomic] [--size N] [--steps N] [--width W]
                   [--batch N] [--seed N] [--checkpoint-every STEPS] [--checkpoint-minutes M]
                   [--from <imported name>|<run id>] [--init-steps N] [--estimate] [--resume]
                   [--budget 10m|1h|8h|<N>m|<N>h|quick|hour|overnight]
                   (--estimate measures a step here and prints how long the run would take, without training)
                   (--budget plans the run for that time here: size and width up to the given ones, steps and
                    checkpoint interval, measured; it prints the plan and trains it, or only prints with --estimate)
                   (--from starts the generator from an imported model or a run, skipping the init phase)
                   (--resume continues the newest unfinished run of these sets and model from its last checkpoint)
  cel-studio models [list] [--library DIR]   (imported generators, and the published models one can fetch)
  cel-studio models fetch <name> [--as NAME] [--url URL] [--library DIR]
                   (vgg19, paprika, face_paint_512_v2, ...: through the per-user cache, from CEL_STUDIO_MODEL_MIRROR
                    when set; resumes, checks the SHA-256 the catalog pins)
  cel-studio models import <file.pt|file.onnx> --name NAME [--library DIR]
  cel-studio models import <vgg19 folder> [--library DIR]   (a TensorFlow.js VGG19 you have, instead of fetching it)
                   (animegan2-pytorch state dicts and ONNX generators; then --model NAME in convert and still)
  cel-studio report <run-id> [<run-id> ...] --library DIR   (content PSNR/SSIM and style distance; several side by side)
  cel-studio export-onnx <run-id> -o <file.onnx> --library DIR [--overwrite]
  cel-studio vgg download --library DIR [--url MODEL_JSON_URL] [--up-to LAYER]   (default: CEL_STUDIO_MODEL_MIRROR)
  cel-studio convert <clip> -o <out.mp4|.m4v|.mov|.mkv|.webm> [--model builtin|<file.onnx>|<imported name>|<run id>]
                     [--max-size N] [--codec h264|h265|mpeg4|vp9|prores] [--crf N] [--preset P]
                     [--start T] [--end T] [--segment-frames N] [--keep-audio] [--overwrite] [--library DIR]
                     [--farm redis://HOST:PORT]
                     (--farm: the segments are converted by the workers of that render farm, this machine joins them)
                     (vp9: .webm or .mkv, the default for .webm; prores: 422 HQ in .mov or .mkv)
                     (.mp4/.mov sound that editors do not all play, e.g. Opus, Vorbis, FLAC, becomes AAC;
                      --keep-audio copies it as it is)
  cel-studio still <image|clip@time> -o <out.png|.jpg> [--model builtin|<file.onnx>|<imported name>|<run id>]
                   [--quality N] [--max-size N] [--overwrite] [--library DIR]
                   (photos over 100 megapixels need --max-size)
  cel-studio devices [--library DIR] [--json] [--pin <backend>[:<adapter>]|--unpin]
                     (GPUs, backends and ONNX Runtime providers; what training and conversion use, and why)
  cel-studio worker --farm redis://HOST:PORT [--concurrency N] [--root DIR[:DIR...]]
                    (a render-farm worker: converts queued segments into the shared folder they came from;
                     --root: only clips, styles and outputs under these folders)
  cel-studio jobs list --library DIR
  cel-studio jobs resume <job-id> --library DIR
  cel-studio jobs remove <job-id> --library DIR     (deletes the work an unfinished conversion kept to resume)
  cel-studio --version`;

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv, ['help', 'version', 'keep-bars', 'resume', 'overwrite', 'json', 'unpin', 'estimate', 'keep-audio']);
    const [cmd, sub] = args.positionals;
    if (args.flags.has('version')) {
      io.stdout.write(`${io.version}\n`);
      return 0;
    }
    if (args.flags.has('help') || !cmd) {
      io.stdout.write(`${USAGE}\n`);
      return cmd || args.flags.has('help') ? 0 : 2;
    }
    if (cmd === 'serve') return await serveCommand(args, io);
    if (cmd === 'import' && sub === 'photos') return await importPhotosCommand(args, io);
    if (cmd === 'import' && sub === 'video') return await importVideoCommand(args, io);
    if (cmd === 'jobs') return await jobsCommand(args, io);
    if (cmd === 'train') return await trainCommand(args, io);
    if (cmd === 'models') return await modelsCommand(args, io);
    if (cmd === 'report') return await reportCommand(args, io);
    if (cmd === 'export-onnx') return await exportOnnxCommand(args, io);
    if (cmd === 'vgg') return await vggCommand(args, io);
    if (cmd === 'convert') return await convertCommand(args, io);
    if (cmd === 'still') return await stillCommand(args, io);
    if (cmd === 'devices') return await devicesCommand(args, io);
    if (cmd === 'worker') return await workerCommand(args, io);
    io.stderr.write(`cel-studio: unknown command "${[cmd, sub].filter(Boolean).join(' ')}"\n${USAGE}\n`);
    return 2;
  } catch (err) {
    const message = err instanceof StudioError ? err.message : err instanceof Error ? err.message : String(err);
    io.stderr.write(`cel-studio: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

const entry = process.argv[1] ?? '';
if (/cli\.(c|m)?js$/.test(entry) || process.env.CEL_STUDIO_CLI === '1') {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, version }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`cel-studio: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
