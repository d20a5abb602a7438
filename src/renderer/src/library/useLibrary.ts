import { useCallback, useEffect, useState } from 'react';
import type { StudioError } from '@shared/errors';
import type { LibraryInfo } from '@shared/library';
import { asStudioError, isConnectionLost, useConnection, useEvent, useStudio } from '../transport';

export interface LibraryState {
  library: LibraryInfo | null;
  /** False until `library.current` has answered once. */
  loaded: boolean;
  error: StudioError | null;
  /** Records the library an `library.open` call returned. */
  setLibrary: (library: LibraryInfo) => void;
}

/** The current library: asked for on (re)connect, then kept fresh by `library.changed`. */
export function useLibrary(): LibraryState {
  const api = useStudio();
  const { generation } = useConnection();
  const [state, setState] = useState<{ library: LibraryInfo | null; loaded: boolean; error: StudioError | null }>({
    library: null,
    loaded: false,
    error: null,
  });

  useEffect(() => {
    if (generation === 0) return;
    let current = true;
    api.call('library.current', {}).then(
      (library) => {
        if (current) setState({ library, loaded: true, error: null });
      },
      (err: unknown) => {
        if (current && !isConnectionLost(err)) setState((s) => ({ ...s, loaded: true, error: asStudioError(err) }));
      },
    );
    return () => {
      current = false;
    };
  }, [api, generation]);

  useEvent('library.changed', (library) => setState({ library, loaded: true, error: null }));
  const setLibrary = useCallback((library: LibraryInfo) => setState({ library, loaded: true, error: null }), []);
  return { ...state, setLibrary };
}
