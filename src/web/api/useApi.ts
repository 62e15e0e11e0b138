import { useCallback, useEffect, useState } from 'react';
import { get } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

interface Loaded<T> {
  path: string;
  data?: T;
  error?: unknown;
}

/**
 * GETs a path and re-fetches when it changes; null skips the call. A reload keeps showing
 * the data it has until the new answer comes; a new path never shows the old path's data.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    get<T>(path).then(
      (data) => {
        if (!live) return;
        setLoaded({ path, data });
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded({ path, error });
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => path !== null && setLoaded({ path, data }), [path]);
  const current = loaded && loaded.path === path ? loaded : undefined;
  return { data: current?.data, error: current?.error, loading, reload, setData };
}
