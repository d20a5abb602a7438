/**
 * `cel-studio models [list] [--library DIR]`, `cel-studio models fetch <name> [--as NAME] [--url URL] [--library DIR]`
 * and `cel-studio models import <file> --name NAME [--library DIR]`.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StudioError } from '@shared/errors';
import { VGG19_MODEL } from '@shared/model-catalog';
import type { ModelInfo } from '@shared/training';
import { StudioHost } from '../host/studio-host';
import { sourceOf } from '../services/models/catalog';
import { fetchCatalogModel } from '../services/models/fetch-model';
import { importGenerator, listImportedGenerators, type ImportedGenerator } from '../services/models/generator-store';
import { fetchOptions } from '../services/models/model-download-runner';
import { catalogListing, downloadJob, type DownloadRequest } from '../services/models/model-requests';
import { trainingVggDir } from '../services/models/vgg-folder';
import { importVggFolder } from '../services/models/vgg-import';
import { flag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';
import { defaultCliLibrary } from './convert-command';

/** Lists the trainable architectures and the library's imported generators, or imports one. */
export async function modelsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const sub = args.positionals[1] ?? 'list';
  if (sub === 'import') return importCommand(args, io);
  if (sub === 'fetch') return fetchCommand(args, io);
  if (sub !== 'list') {
    throw new StudioError('BAD_INPUT', 'usage: cel-studio models [list] [--library DIR] | models fetch <name> [--as NAME] [--url URL] [--library DIR] | models import <file> --name NAME [--library DIR]');
  }
  onlyFlags(args, ['library']);
  const host = new StudioHost({ version: io.version });
  try {
    const models = (await host.dispatch('engine.models', {}, { transport: 'cli' })) as ModelInfo[];
    io.stdout.write('Architectures to train:\n');
    for (const m of models) {
      io.stdout.write(
        `  ${m.name.padEnd(12)} G ${m.params.generator.toLocaleString('en-US').padStart(11)}  D ${m.params.discriminator.toLocaleString('en-US').padStart(11)}  ${m.adversarial.padEnd(9)} ${m.title}\n`,
      );
    }
  } finally {
    await host.dispose();
  }
  const library = resolve(flag(args, 'library') ?? defaultCliLibrary());
  const imported = await listImportedGenerators(library);
  io.stdout.write(`Imported generators in ${library}${imported.length === 0 ? ': none (cel-studio models import <file> --name NAME)' : ':'}\n`);
  for (const g of imported) io.stdout.write(`  ${describe(g)}\n`);
  const listing = await catalogListing(library, trainingVggDir(library));
  io.stdout.write(`Published models (cel-studio models fetch <name>; through the cache ${listing.cache}${listing.mirror ? `, from the mirror ${listing.mirror}` : ''}):\n`);
  for (const m of listing.models) {
    const state = m.installed ? 'installed' : m.cached ? 'in the cache' : m.bytes ? `${(m.bytes / 1e6).toFixed(0)} MB` : 'size not published';
    io.stdout.write(`  ${m.name.padEnd(20)} ${state.padEnd(19)} ${m.title}\n${' '.repeat(23)}terms: ${m.licence}\n`);
  }
  if (listing.note) io.stdout.write(`note: ${listing.note}\n`);
  return 0;
}

/** `models fetch <name>`: fetches a catalog model into the library through the per-user cache. */
async function fetchCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['as', 'url', 'library']);
  const name = args.positionals[2];
  if (!name) throw new StudioError('BAD_INPUT', 'usage: cel-studio models fetch <name> [--as NAME] [--url URL] [--library DIR] (cel-studio models list shows the names)');
  const importAs = flag(args, 'as');
  const url = flag(args, 'url');
  return fetchModelCli(io, resolve(flag(args, 'library') ?? defaultCliLibrary()), { name, ...(importAs ? { importAs } : {}), ...(url ? { url } : {}) });
}

/**
 * `vgg download --library DIR [--url URL] [--up-to LAYER]`, the older spelling of `models fetch vgg19` (with the
 * layer to stop at, for a partial conversion).
 */
export async function vggCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['library', 'url', 'up-to']);
  if (args.positionals[1] !== 'download') {
    throw new StudioError('BAD_INPUT', 'usage: cel-studio vgg download --library <dir> [--url <model.json URL>] [--up-to <layer>] (or: cel-studio models fetch vgg19)');
  }
  const url = flag(args, 'url');
  const upTo = flag(args, 'up-to');
  return fetchModelCli(io, resolve(flag(args, 'library', true)), { name: VGG19_MODEL.name, ...(url ? { url } : {}) }, upTo);
}

/** Fetches `req` into `library` with progress on stderr (Ctrl-C cancels; the next call resumes), and says what it installed. */
async function fetchModelCli(io: CliIo, library: string, req: DownloadRequest, upTo?: string): Promise<number> {
  const { params } = await downloadJob(req, trainingVggDir(library));
  const source = params.url ?? sourceOf(params.entry, params.mirror);
  io.stderr.write(`${params.entry.name}: fetching from ${source}\n`);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let last = 0;
  try {
    const r = await fetchCatalogModel(params.entry, {
      ...fetchOptions(params, library),
      ...(upTo ? { upTo } : {}),
      signal: controller.signal,
      onProgress: (done, total, file) => {
        if (Date.now() - last < 500 && done !== total) return;
        last = Date.now();
        const of = total ? ` of ${mib(total)} (${Math.floor((done / total) * 100)}%)` : '';
        io.stderr.write(`${io.stderr.isTTY ? '\r\x1b[2K' : ''}${params.entry.name}: ${mib(done)}${of} ${file}${io.stderr.isTTY ? '' : '\n'}`);
      },
    });
    if (io.stderr.isTTY) io.stderr.write('\n');
    if (r.kind === 'vgg19') {
      io.stdout.write(r.alreadyInstalled ? `VGG19 is already installed in ${r.dir}\n` : `VGG19: ${r.files} files (${mib(r.totalBytes)}) installed in ${r.dir}; training finds it there\n`);
    } else {
      const pinned = params.entry.sha256 ? 'checksum verified' : 'no checksum is published for it: compare the sha256 with a trusted source';
      io.stdout.write(`${r.alreadyInstalled ? 'already installed' : 'installed'}: ${describe(r.model)}\n  sha256 ${r.model.sha256} (${pinned})\n  terms: ${params.entry.licence}\nuse it with --model ${r.model.name} (convert, still) or --from ${r.model.name} (train)\n`);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** One line about an imported generator: its name, where it came from and how it runs. */
function describe(g: ImportedGenerator): string {
  const how = g.model ? `${g.model} width ${g.width}, ${g.flavour} flavour, trainable` : 'ONNX, conversion only';
  // (an ONNX export of the port is trainable too: its weights were recovered from the graph)
  return `${g.name.padEnd(20)} ${how} (from ${g.file}, sha256 ${g.sha256.slice(0, 12)})`;
}

async function importCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['name', 'library']);
  const file = args.positionals[2];
  if (!file) throw new StudioError('BAD_INPUT', 'usage: cel-studio models import <file.pt|file.onnx> --name NAME [--library DIR] | models import <vgg19 folder> [--library DIR]');
  const library = resolve(flag(args, 'library') ?? defaultCliLibrary());
  if ((await stat(resolve(file)).catch(() => null))?.isDirectory()) {
    // A folder: a TensorFlow.js VGG19 the user has, copied to where training reads it.
    const vggDir = trainingVggDir(library);
    const r = await importVggFolder(resolve(file), vggDir);
    io.stdout.write(`VGG19: ${r.files} files (${mib(r.bytes)}) copied into ${r.dir}; training finds it there\n`);
    return 0;
  }
  const g = await importGenerator(library, resolve(file), flag(args, 'name', true));
  io.stdout.write(`imported ${describe(g)}\nuse it with --model ${g.name} (convert, still)\n`);
  return 0;
}
