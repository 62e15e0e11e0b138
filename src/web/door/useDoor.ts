import { useCallback, useEffect, useRef, useState } from 'react';
import type { PerformanceDto } from '../../common/api/program.ts';
import { api, get } from '../api/client.ts';
import {
  applyScan,
  type Direction,
  type DoorList,
  type DoorTicket,
  decide,
  mergeList,
  type Scan,
  type Verdict,
} from './decide.ts';
import { deviceId, getList, putList, putScan, putScans, scansOf } from './store.ts';

export interface Attendance {
  sold: number;
  inside: number;
  checkedIn: number;
}

interface DoorListDto {
  publicKey: string;
  performanceId: string;
  tickets: {
    id: string;
    seatId: string | null;
    status: 'valid' | 'refunded' | 'exchanged';
    inside: boolean;
  }[];
}

interface CheckinResult {
  id: string;
  verdict: Verdict;
  ticketId: string | null;
  seatId: string | null;
  orderNumber: number | null;
  firstEntryAt: string | null;
  duplicate: boolean;
}

const RETRY_MS = 10_000;
const POLL_MS = 5_000;
const BATCH = 500;

export interface DoorState {
  list: DoorList | undefined;
  /** loading the list failed and none is kept on the device */
  listError: unknown;
  scans: Scan[];
  attendance: Attendance | undefined;
  online: boolean;
  syncError: unknown;
  /** the last scan, for the verdict screen */
  last: Scan | undefined;
  scan: (token: string, direction: Direction) => Promise<Scan | undefined>;
  sync: () => Promise<void>;
  dismiss: () => void;
}

/**
 * One performance at the door: the list downloaded and kept in IndexedDB, scans decided on
 * the device at once and queued, and the queue sent whenever the network is there.
 */
export function useDoor(hubSlug: string, performanceId: string): DoorState {
  const base = `/hubs/${encodeURIComponent(hubSlug)}/performances/${performanceId}`;
  const [list, setList] = useState<DoorList | undefined>(undefined);
  const [listError, setListError] = useState<unknown>(undefined);
  const [scans, setScans] = useState<Scan[]>([]);
  const [attendance, setAttendance] = useState<Attendance | undefined>(undefined);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncError, setSyncError] = useState<unknown>(undefined);
  const [last, setLast] = useState<Scan | undefined>(undefined);
  const listRef = useRef<DoorList | undefined>(undefined);
  const scansRef = useRef<Scan[]>([]);
  // Scans, syncs and list downloads change the same state: they take turns.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const syncing = useRef(false);

  const serial = useCallback(<T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(job, job);
    queue.current = next.catch(() => {});
    return next;
  }, []);

  const keepList = useCallback(async (next: DoorList) => {
    listRef.current = next;
    setList(next);
    await putList(next);
  }, []);

  const keepScans = useCallback((next: Scan[]) => {
    scansRef.current = next;
    setScans(next);
  }, []);

  /** Downloads the door list (when online) and lays this device's unsynced scans over it. */
  const refreshList = useCallback(
    () =>
      serial(async () => {
        const [dto, perf] = await Promise.all([
          get<DoorListDto>(`${base}/door-list`),
          get<PerformanceDto>(base).catch(() => undefined),
        ]);
        const old = listRef.current;
        const tickets: Record<string, DoorTicket> = {};
        for (const t of dto.tickets) tickets[t.id] = { ...t, firstEntryAt: null };
        const fresh: DoorList = {
          performanceId: dto.performanceId,
          hubSlug,
          publicKey: dto.publicKey,
          title: (perf?.eventTitle as Record<string, string> | undefined) ?? old?.title ?? {},
          startsAt: perf?.startsAt ?? old?.startsAt ?? new Date().toISOString(),
          sections: perf?.sections ?? old?.sections ?? [],
          tickets,
          fetchedAt: new Date().toISOString(),
        };
        await keepList(
          mergeList(
            fresh,
            old,
            scansRef.current.filter((s) => !s.synced),
          ),
        );
        setListError(undefined);
      }),
    [base, hubSlug, keepList, serial],
  );

  const sync = useCallback(async () => {
    if (syncing.current) return;
    const pending = scansRef.current.filter((s) => !s.synced);
    if (pending.length === 0) return;
    syncing.current = true;
    try {
      for (let i = 0; i < pending.length; i += BATCH) {
        const batch = pending.slice(i, i + BATCH);
        const res = await api<{ results: CheckinResult[]; attendance: Attendance }>(
          'POST',
          `${base}/checkins`,
          {
            scans: batch.map((s) => ({
              id: s.id,
              token: s.token,
              direction: s.direction,
              scannedAt: s.scannedAt,
              deviceId: s.deviceId,
            })),
          },
        );
        const byId = new Map(res.results.map((r) => [r.id, r]));
        const updated: Scan[] = [];
        await serial(async () => {
          const next = scansRef.current.map((s) => {
            const r = byId.get(s.id);
            if (!r) return s;
            const u: Scan = {
              ...s,
              synced: true,
              ticketId: s.ticketId ?? r.ticketId,
              seatId: s.seatId ?? r.seatId,
              orderNumber: s.orderNumber ?? r.orderNumber,
              server: { verdict: r.verdict, firstEntryAt: r.firstEntryAt, duplicate: r.duplicate },
            };
            updated.push(u);
            return u;
          });
          keepScans(next);
          await putScans(updated);
          setLast((cur) => (cur ? (next.find((s) => s.id === cur.id) ?? cur) : cur));
        });
        setAttendance(res.attendance);
      }
      setSyncError(undefined);
      // The server now knows what other doors did too: take its list.
      await refreshList().catch(() => {});
    } catch (e) {
      setSyncError(e);
    } finally {
      syncing.current = false;
    }
  }, [base, keepScans, refreshList, serial]);

  const scan = useCallback(
    (token: string, direction: Direction) =>
      serial(async (): Promise<Scan | undefined> => {
        const current = listRef.current;
        const text = token.trim();
        if (!current || !text) return undefined;
        const d = await decide(current, text, direction);
        const s: Scan = {
          id: crypto.randomUUID(),
          performanceId,
          token: text,
          direction,
          scannedAt: new Date().toISOString(),
          deviceId: deviceId(),
          ticketId: d.claims?.t ?? null,
          seatId: d.claims?.s ?? null,
          orderNumber: d.claims?.n ?? null,
          local: d.verdict,
          firstEntryAt: d.firstEntryAt,
          synced: false,
        };
        await putScan(s);
        // The verdict shows in the same render as the scan count, before the list is saved.
        keepScans([...scansRef.current, s]);
        setLast(s);
        await keepList(applyScan(current, s, d.verdict));
        return s;
      }).then((s) => {
        if (s && navigator.onLine) void sync();
        return s;
      }),
    [keepList, keepScans, performanceId, serial, sync],
  );

  // Open: what the device kept first (works offline), then the network's fresh list.
  useEffect(() => {
    let live = true;
    (async () => {
      const [kept, keptScans] = await Promise.all([getList(performanceId), scansOf(performanceId)]);
      if (!live) return;
      keepScans(keptScans);
      if (kept) {
        listRef.current = kept;
        setList(kept);
      }
      try {
        await refreshList();
      } catch (e) {
        if (live && !listRef.current) setListError(e);
      }
      if (live) void sync();
    })().catch((e: unknown) => live && setListError(e));
    return () => {
      live = false;
    };
  }, [performanceId, keepScans, refreshList, sync]);

  // Back online: send what waited. A timer retries in case the online event never comes.
  useEffect(() => {
    const goOnline = () => {
      setOnline(true);
      void sync();
      if (scansRef.current.every((s) => s.synced)) void refreshList().catch(() => {});
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = setInterval(() => {
      if (navigator.onLine && scansRef.current.some((s) => !s.synced)) void sync();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      clearInterval(timer);
    };
  }, [sync, refreshList]);

  // Who is in: the server's count, polled while the page is visible and the network is there.
  useEffect(() => {
    let live = true;
    const poll = () => {
      if (!navigator.onLine || document.visibilityState === 'hidden') return;
      get<Attendance>(`${base}/attendance`).then(
        (a) => live && setAttendance(a),
        () => {},
      );
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [base]);

  const dismiss = useCallback(() => setLast(undefined), []);
  return { list, listError, scans, attendance, online, syncError, last, scan, sync, dismiss };
}
