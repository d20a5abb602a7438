/** `cel-studio models [list] [--library DIR]` and `cel-studio models import <file> --name NAME [--library DIR]`. */
import { resolve } from 'node:path';
import { StudioError } from '@shared/errors';
import type { ModelInfo } from '@shared/training';
import { StudioHost } from '../host/studio-host';
import { importGenerator, listImportedGenerators, type ImportedGenerator } from '../services/models/generator-store';
import { flag, onlyFlags, type ParsedArgs } from './args';
import type { CliIo } from './commands';
import { defaultCliLibrary } from './convert-command';

/** Lists the trainable architectures and the library's imported generators, or imports one. */
export async function modelsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const sub = args.positionals[1] ?? 'list';
  if (sub === 'import') return importCommand(args, io);
  if (sub !== 'list') throw new StudioError('BAD_INPUT', 'usage: cel-studio models [list] [--library DIR] | models import <file> --name NAME [--library DIR]');
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
  return 0;
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
  if (!file) throw new StudioError('BAD_INPUT', 'usage: cel-studio models import <file.pt|file.onnx> --name NAME [--library DIR]');
  const library = resolve(flag(args, 'library') ?? defaultCliLibrary());
  const g = await importGenerator(library, resolve(file), flag(args, 'name', true));
  io.stdout.write(`imported ${describe(g)}\nuse it with --model ${g.name} (convert, still)\n`);
  return 0;
}
