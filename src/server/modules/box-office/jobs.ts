// The box office's background work, started with the server (not in the API tests unless a
// test starts it): a sweeper that returns expired holds and unpaid orders to sale and settles
// refunds owed, and at start-up the recovery that makes "a paid order always has its tickets"
// true even when the process died between payment and issue. Several processes may run these
// at once: the sweeper takes a database lock that only one holds at a time, and every step is a
// conditional update or a row claimed with `for update skip locked`.
import type { AppContext } from '../../platform/context.ts';
import type { SandboxProvider } from '../../platform/payments/sandbox.ts';
import { expireHolds } from './holds.ts';
import { expireUnpaidOrders, issueMissingTickets } from './orders.ts';
import { type PaymentEventResult, reconcilePayments, settleRefundsDue } from './payments.ts';

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

type Deps = Pick<AppContext, 'db' | 'payments'>;

// Keys of the advisory locks: one sweeper at a time, one recovery at a time.
const SWEEP_LOCK = 730_001;
const RECOVERY_LOCK = 730_002;

export interface SweepReport {
  holds: number;
  orders: number;
  refunds: number;
  /** False when another process was sweeping and this one left the round to it. */
  swept: boolean;
}

/** One round of the sweeper. */
export async function sweep(deps: Deps, log?: JobLog): Promise<SweepReport> {
  const expired = await deps.db.tx(async (q) => {
    const [lock] = await q.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [SWEEP_LOCK]);
    if (!lock?.ok) return undefined;
    return { holds: await expireHolds(q), orders: await expireUnpaidOrders(q) };
  });
  const refunds = await settleRefundsDue(deps, log);
  return { holds: expired?.holds ?? 0, orders: expired?.orders ?? 0, refunds, swept: expired !== undefined };
}

export interface RecoveryReport {
  tickets: number;
  reconciled: Partial<Record<PaymentEventResult, number>>;
  refunds: number;
}

/** At start-up: tickets for paid orders that lack them, then the providers' word on open payments. */
export async function recover(deps: Deps, log?: JobLog): Promise<RecoveryReport> {
  // Processes starting together take turns, so no two issue the same order's tickets.
  const tickets = await deps.db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock($1)', [RECOVERY_LOCK]);
    return issueMissingTickets(q);
  });
  const reconciled = await reconcilePayments(deps, { ...(log ? { log } : {}) });
  const refunds = await settleRefundsDue(deps, log);
  return { tickets, reconciled, refunds };
}

export interface BoxOfficeJobs {
  /** Settles when the start-up recovery has run. */
  recovered: Promise<RecoveryReport | undefined>;
  stop(): Promise<void>;
}

const isSandbox = (p: unknown): p is SandboxProvider =>
  typeof p === 'object' && p !== null && 'startDelivery' in p && 'stopDelivery' in p;

export function startBoxOfficeJobs(
  deps: Deps,
  log: JobLog,
  opts: { sweepMs?: number; reconcileMs?: number; waitlists?: () => Promise<number> } = {},
): BoxOfficeJobs {
  const sweepMs = opts.sweepMs ?? 15_000;
  const reconcileMs = opts.reconcileMs ?? 5 * 60_000;
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const busy = new Set<Promise<unknown>>();

  /** Runs `work` now and then every `ms`, never overlapping itself, until stopped. */
  const every = (ms: number, name: string, work: () => Promise<unknown>, first = true) => {
    const run = () => {
      const p = work()
        .catch((err) => log.error({ err }, `${name} failed`))
        .finally(() => {
          busy.delete(p);
          if (!stopped) {
            const t = setTimeout(() => {
              timers.delete(t);
              run();
            }, ms).unref();
            timers.add(t);
          }
        });
      busy.add(p);
    };
    if (first) run();
    else {
      const t = setTimeout(run, ms).unref();
      timers.add(t);
    }
  };

  // The sandbox PSP runs in this process too: its outbox of callbacks is delivered from here.
  const sandbox = deps.payments.get('sandbox');
  if (isSandbox(sandbox)) sandbox.startDelivery(log);

  const recovered = recover(deps, log).then(
    (report) => {
      if (report.tickets || Object.keys(report.reconciled).length || report.refunds)
        log.info({ ...report }, 'box office recovered after start-up');
      return report;
    },
    (err) => {
      log.error({ err }, 'box office recovery at start-up failed');
      return undefined;
    },
  );
  busy.add(recovered);
  every(sweepMs, 'box office sweeper', async () => {
    const r = await sweep(deps, log);
    if (r.holds || r.orders || r.refunds) log.info({ ...r }, 'box office sweep');
  });
  // Places that came back go to the waiting lists, at the sweeper's pace.
  const { waitlists } = opts;
  if (waitlists) {
    every(sweepMs, 'waiting lists', async () => {
      const offers = await waitlists();
      if (offers) log.info({ offers }, 'waiting-list offers made');
    });
  }
  // Callbacks a provider gave up on: ask it about payments that have waited a while.
  every(
    reconcileMs,
    'payment reconciliation',
    () => reconcilePayments(deps, { minAgeSeconds: 600, log }),
    false,
  );

  return {
    recovered,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (isSandbox(sandbox)) await sandbox.stopDelivery();
      await Promise.allSettled([...busy]);
    },
  };
}
