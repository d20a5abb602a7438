import type { StudioError } from '@shared/errors';
import type { SetSummary } from '@shared/library';
import type { ModelInfo, PresetInfo } from '@shared/training';
import { useThrottledCounter } from '../../lib/useThrottledCounter';
import { useEvent, useQuery } from '../../transport';

export interface Catalog {
  models: ModelInfo[];
  presets: PresetInfo[];
  sets: SetSummary[];
  /** Backend the engine runs on, from `app.info` (e.g. `tensorflow`, `wasm`, `none`). */
  engineBackend: string | null;
  engineDetail: string | null;
  error: StudioError | null;
}

/** What a run can be made of: models, presets and the library's sets (kept fresh as imports add images). */
export function useCatalog(libraryPath: string | null): Catalog {
  const models = useQuery('engine.models', {});
  const presets = useQuery('engine.presets', {});
  const info = useQuery('app.info', {});
  const [version, bump] = useThrottledCounter(1500);
  useEvent('library.changed', () => bump());
  const sets = useQuery('sets.list', libraryPath === null ? null : {}, [libraryPath, version]);
  return {
    models: models.data ?? [],
    presets: presets.data ?? [],
    sets: sets.data ?? [],
    engineBackend: info.data?.engine.backend ?? null,
    engineDetail: info.data?.engine.detail ?? null,
    error: models.error ?? presets.error ?? sets.error,
  };
}

/** The model called `name`, if the engine offers it. */
export function findModel(models: readonly ModelInfo[], name: string): ModelInfo | undefined {
  return models.find((m) => m.name === name);
}

/** The preset called `name`, if the engine offers it. */
export function findPreset(presets: readonly PresetInfo[], name: string): PresetInfo | undefined {
  return presets.find((p) => p.name === name);
}
