/**
 * The model store behind the contract: the catalog with what this library has, downloads from it as jobs,
 * generators imported into the library, and the VGG19 training needs (status, download, import from a folder).
 */
import type { CallArg, CallOutput } from '@shared/contract';
import type { JobSummary } from '@shared/library';
import { VGG19_MODEL } from '@shared/model-catalog';
import type { VggStatus } from '@shared/training';
import { expandHome } from '../files/home-path';
import type { OpenLibrary } from '../studio/open-library';
import { sourceOf } from './catalog';
import { importGenerator, listImportedGenerators } from './generator-store';
import { modelMirror } from './model-cache';
import { catalogListing, downloadJob, type DownloadRequest } from './model-requests';
import { hasVgg19, libraryVggDir } from './vgg-folder';
import { importVggFolder } from './vgg-import';

/** Models over whichever library is open when a call arrives. */
export class ModelsService {
  constructor(private readonly open: () => OpenLibrary) {}

  /** The generators imported into the library. */
  list(): Promise<CallOutput<'models.list'>> {
    return listImportedGenerators(this.open().library.root);
  }

  /** Imports a generator file (.pt/.onnx) into the library under `name`. */
  import({ path, name }: CallArg<'models.import'>): Promise<CallOutput<'models.import'>> {
    return importGenerator(this.open().library.root, expandHome(path), name);
  }

  /** The catalog, each model marked installed or cached. */
  catalog(): Promise<CallOutput<'models.catalog'>> {
    const { library, runs } = this.open();
    return catalogListing(library.root, runs.vggFolder);
  }

  /** Starts the job that downloads a catalog model (VGG19 into the folder training reads). */
  async fetch(req: DownloadRequest): Promise<JobSummary> {
    const { jobs, runs } = this.open();
    const { kind, params } = await downloadJob(req, runs.vggFolder);
    return jobs.start(kind, params);
  }

  /** Where training reads VGG19, whether it is there, and where a download would come from. */
  vggStatus(): VggStatus {
    const { library, runs } = this.open();
    const dir = runs.vggFolder;
    return {
      installed: hasVgg19(dir),
      dir,
      source: dir === libraryVggDir(library.root) ? 'library' : 'env',
      url: sourceOf(VGG19_MODEL, modelMirror()),
      downloadBytes: VGG19_MODEL.bytes!,
    };
  }

  /** Copies a VGG19 folder the user has into the one training reads; answers the new status. */
  async importVgg({ path }: CallArg<'train.importVgg'>): Promise<VggStatus> {
    await importVggFolder(expandHome(path), this.open().runs.vggFolder);
    return this.vggStatus();
  }
}
