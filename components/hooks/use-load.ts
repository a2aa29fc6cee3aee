import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorInfoOf } from '../../lib/messaging/errors';
import type { ErrorInfo } from '../../lib/messaging/model';
import { noteRequestOutcome } from '../../lib/ui/network';

export type LoadState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'error'; error: ErrorInfo; data?: T }
  | { status: 'ready'; data: T };

/** Runs `load` when `deps` change; `reload()` runs it again keeping the old data on screen. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): LoadState<T> & { reload: () => void } {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    generation.current += 1;
    const mine = generation.current;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loadRef.current().then(
      (data) => {
        noteRequestOutcome(null);
        if (mine === generation.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        const info = errorInfoOf(error);
        noteRequestOutcome(info);
        if (mine === generation.current)
          setState((previous) => ({ status: 'error', error: info, data: previous.data }));
      },
    );
  }, []);

  useEffect(run, deps);
  return { ...state, reload: run };
}
