/**
 * Imported generators of a library, in `<library>/models/generators/<name>/`: `generator.onnx` (what conversion
 * runs), `model.json` (where it came from and how it computes) and, for generators the studio can train further,
 * `weights/` (a checkpoint of the generator's variables). Each import is written to a temporary folder and renamed
 * into place, so a crash never leaves half a model under its name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StudioError } from '@shared/errors';
import { ImportedModelName, type ImportedModel } from '@shared/training';
import { selectBackend } from '../../engine/backends';
import { generatorFromAnimegan2Pytorch } from '../../engine/import/animegan2-pytorch';
import { stateDictFromAnimegan2Onnx } from '../../engine/import/animegan2-onnx';
import { readTorchStateDict, type TorchTensor } from '../../engine/import/torch-state-dict';
import { animeganv2 } from '../../engine/models/animeganv2';
import type { GeneratorFlavour } from '../../engine/network';
import { exportGeneratorOnnx } from '../../engine/onnx';
import { saveCheckpoint } from '../../engine/training/checkpoint';

/** What `model.json` records about an imported generator (the contract's ImportedModel). */
export type ImportedGenerator = ImportedModel;

/** Folder of a library's imported generators. */
export function generatorsDir(libraryRoot: string): string {
  return join(libraryRoot, 'models', 'generators');
}

const WEIGHTS = 'weights';
const ONNX = 'generator.onnx';

/** The ONNX file conversion runs for the imported generator `name`, or undefined when there is none. */
export function importedGeneratorOnnx(libraryRoot: string, name: string): string | undefined {
  if (!ImportedModelName.safeParse(name).success) return undefined;
  const path = join(generatorsDir(libraryRoot), name, ONNX);
  return existsSync(path) ? path : undefined;
}

/** What `model.json` says about the imported generator `name`, or undefined when there is none. */
export function importedGeneratorRecord(libraryRoot: string, name: string): ImportedGenerator | undefined {
  if (!ImportedModelName.safeParse(name).success) return undefined;
  try {
    const stored = JSON.parse(readFileSync(join(generatorsDir(libraryRoot), name, 'model.json'), 'utf8')) as Omit<ImportedGenerator, 'onnx'>;
    return { ...stored, onnx: join(generatorsDir(libraryRoot), name, ONNX) };
  } catch {
    return undefined;
  }
}

/** Checkpoint folder of a trainable imported generator's weights. */
export function importedGeneratorWeights(libraryRoot: string, name: string): string {
  return join(generatorsDir(libraryRoot), name, WEIGHTS);
}

/** Every imported generator of the library, by name. */
export async function listImportedGenerators(libraryRoot: string): Promise<ImportedGenerator[]> {
  const dir = generatorsDir(libraryRoot);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: ImportedGenerator[] = [];
  for (const name of names.filter((n) => ImportedModelName.safeParse(n).success).sort()) {
    const record = importedGeneratorRecord(libraryRoot, name);
    if (record) out.push(record);
  }
  return out;
}

/**
 * Imports the generator in `file` as `name`: a PyTorch state dict of animegan2-pytorch (`.pt`/`.pth`), converted to
 * the studio's AnimeGANv2 with the port's flavour and exported to ONNX by the studio's writer, or an ONNX file,
 * kept as it is. BAD_INPUT for a bad name or file, CONFLICT when `name` is taken.
 */
export async function importGenerator(libraryRoot: string, file: string, name: string): Promise<ImportedGenerator> {
  if (!ImportedModelName.safeParse(name).success) {
    throw new StudioError('BAD_INPUT', `"${name}" cannot name a model: use letters, digits, dot, dash and underscore (up to 64)`, 'name');
  }
  const dir = generatorsDir(libraryRoot);
  const target = join(dir, name);
  if (existsSync(target)) throw new StudioError('CONFLICT', `a model named "${name}" is already imported: choose another name`, 'name');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new StudioError('BAD_INPUT', `${file} is not a file`, 'path');
  const bytes = await readFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.importing`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  try {
    const record = await writeModel(temp, bytes, basename(file), name, sha256);
    await writeFile(join(temp, 'model.json'), `${JSON.stringify(record, null, 2)}\n`);
    await rename(temp, target).catch((err: NodeJS.ErrnoException) => {
      // Another import of the same name finished first.
      if (err.code === 'ENOTEMPTY' || err.code === 'EEXIST') throw new StudioError('CONFLICT', `a model named "${name}" is already imported: choose another name`, 'name');
      throw err;
    });
    return { ...record, onnx: join(target, ONNX) };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

/** Writes generator.onnx (and weights/ when trainable) for the file's kind into `dir`; returns its record. */
async function writeModel(dir: string, bytes: Buffer, fileName: string, name: string, sha256: string): Promise<Omit<ImportedGenerator, 'onnx'>> {
  const base = { name, file: fileName, sha256, importedAt: new Date().toISOString() };
  if (isZip(bytes)) {
    const trained = await writeTrainable(dir, readTorchStateDict(bytes, fileName), fileName, name, true);
    return { ...base, source: 'animegan2-pytorch', ...trained };
  }
  if (/\.onnx$/i.test(fileName) && isOnnx(bytes)) {
    // PyTorch's own export runs as it is; when it is the port's generator its weights are also kept for training.
    await writeFile(join(dir, ONNX), bytes);
    const styleOnly = { ...base, source: 'onnx' as const, model: null, width: null, flavour: null };
    let dict: Map<string, TorchTensor>;
    try {
      dict = stateDictFromAnimegan2Onnx(bytes, fileName);
    } catch {
      // Another architecture (AnimeGANv3, ...): a style only.
      return styleOnly;
    }
    try {
      return { ...base, source: 'onnx', ...(await writeTrainable(dir, dict, fileName, name, false)) };
    } catch {
      // The port's names, but weights the studio cannot build (an fp16 export, another width): a style only.
      await rm(join(dir, WEIGHTS), { recursive: true, force: true });
      return styleOnly;
    }
  }
  throw new StudioError(
    'BAD_INPUT',
    `${fileName} is neither a PyTorch state dict (.pt, zip format) nor an ONNX model: import an animegan2-pytorch generator or an ONNX file`,
    'path',
  );
}

/**
 * Builds the studio's AnimeGANv2 with the port's flavour from `dict`, keeps its weights in `dir`/weights for
 * training, and (`exportOnnx`) writes the ONNX conversion runs. Returns the record's architecture fields.
 */
async function writeTrainable(
  dir: string,
  dict: Map<string, TorchTensor>,
  fileName: string,
  name: string,
  exportOnnx: boolean,
): Promise<Pick<ImportedGenerator, 'model' | 'width' | 'flavour'>> {
  // A one-off pass over the weights: wasm (or cpu) everywhere, so a GPU device is never held by the importer.
  await selectBackend({ order: ['wasm', 'cpu'] });
  const { generator, width } = generatorFromAnimegan2Pytorch(dict, fileName);
  try {
    const flavour: GeneratorFlavour = 'animegan2-pytorch';
    if (exportOnnx) {
      const onnx = await exportGeneratorOnnx(animeganv2, generator, { graphName: name, metadata: { 'cel-studio.imported-from': fileName } });
      await writeFile(join(dir, ONNX), onnx.bytes);
    }
    await saveCheckpoint(join(dir, WEIGHTS), 0, generator.variables, { model: 'animeganv2', width, flavour, source: fileName });
    return { model: 'animeganv2', width, flavour };
  } finally {
    generator.dispose();
  }
}

/** PyTorch >= 1.6 saves as a zip archive: "PK\x03\x04". */
function isZip(b: Buffer): boolean {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** An ONNX ModelProto starts with field 1, ir_version (tag 0x08); the style engine checks the rest when it loads it. */
function isOnnx(b: Buffer): boolean {
  return b.length > 16 && b[0] === 0x08;
}
