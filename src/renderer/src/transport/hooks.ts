import { useCallback, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type { CallInput, CallName, CallOutput, EventName, EventPayload, StudioApi } from '@shared/contract';
import type { StudioError } from '@shared/errors';
import type { ConnectionSnapshot } from './connection';
import { useTransport } from './context';
import { asStudioError, isConnectionLost } from './errors';

/** The contract's API (`call`, `on`, `mediaUrl`) for this window. */
export function useStudio(): StudioApi {
  return useTransport().api;
}

/** Live connection state; re-renders on change. */
export function useConnection(): ConnectionSnapshot {
  const { connection } = useTransport();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** Subscribes to an event stream for the component's lifetime; `listener` may change between renders. */
export function useEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): void {
  const api = useStudio();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.on(name, (payload) => onEvent(payload)), [api, name]);
}

export interface QueryState<T> {
  data: T | undefined;
  error: StudioError | null;
  /** True until the current request (arg, refresh key, connection) has answered. */
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `method(arg)` and reloads when `arg` (compared by value), `refreshKey` or the connection changes.
 * `arg === null` skips the call. Connection failures are not reported: the status bar shows those, and the
 * query runs again after reconnecting. Data from the previous request stays visible while the next one runs.
 */
export function useQuery<K extends CallName>(
  method: K,
  arg: CallInput<K> | null,
  refreshKey: unknown = null,
): QueryState<CallOutput<K>> {
  const api = useStudio();
  const { generation } = useConnection();
  const [nonce, setNonce] = useState(0);
  const argKey = arg === null ? null : JSON.stringify(arg);
  // Before the first connection there is nothing to ask; the generation bump on connect starts the load.
  const requestKey = argKey === null || generation === 0 ? null : JSON.stringify([argKey, refreshKey, generation, nonce]);
  const [result, setResult] = useState<{ key: string | null; data?: CallOutput<K>; error: StudioError | null }>({
    key: null,
    error: null,
  });

  useEffect(() => {
    if (requestKey === null || argKey === null) return;
    let current = true;
    api.call(method, JSON.parse(argKey) as CallInput<K>).then(
      (data) => {
        if (current) setResult({ key: requestKey, data, error: null });
      },
      (err: unknown) => {
        if (!current) return;
        if (isConnectionLost(err)) setResult((prev) => ({ ...prev, key: requestKey }));
        else setResult((prev) => ({ ...prev, key: requestKey, error: asStudioError(err) }));
      },
    );
    return () => {
      current = false;
    };
  }, [api, method, argKey, requestKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return {
    data: argKey === null ? undefined : result.data,
    error: result.error,
    loading: requestKey !== null && result.key !== requestKey,
    reload,
  };
}

export interface ActionState<K extends CallName> {
  /** Runs the call; resolves to its result, or to undefined after recording the error. */
  run: (arg: CallInput<K>) => Promise<CallOutput<K> | undefined>;
  pending: boolean;
  error: StudioError | null;
  clearError: () => void;
}

/** A user-triggered call with its own pending flag and inline error. */
export function useAction<K extends CallName>(method: K): ActionState<K> {
  const api = useStudio();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<StudioError | null>(null);
  const run = useCallback(
    async (arg: CallInput<K>) => {
      setPending(true);
      setError(null);
      try {
        return await api.call(method, arg);
      } catch (err) {
        setError(asStudioError(err));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [api, method],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
