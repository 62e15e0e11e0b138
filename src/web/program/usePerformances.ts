import { useEffect, useState } from 'react';
import type { PerformanceDto } from '../../common/api/program.ts';
import { get } from '../api/client.ts';
import { hubPath } from './shared.ts';

/** The performances that orders' lines point at, fetched once each; keyed by hub slug and id. */
export function usePerformances(
  wanted: readonly { hubSlug: string; id: string }[],
): Map<string, PerformanceDto> {
  const [found, setFound] = useState(() => new Map<string, PerformanceDto>());
  const key = [...new Set(wanted.map((w) => `${w.hubSlug}/${w.id}`))].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    Promise.all(
      key.split(',').map(async (k) => {
        const [hubSlug = '', id = ''] = k.split('/');
        try {
          return await get<PerformanceDto>(`${hubPath(hubSlug)}/performances/${id}`);
        } catch {
          return undefined; // a performance no longer shown publicly: the ticket still shows its seat
        }
      }),
    ).then((list) => {
      if (!live) return;
      const m = new Map<string, PerformanceDto>();
      for (const p of list) if (p) m.set(p.id, p);
      setFound(m);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return found;
}
