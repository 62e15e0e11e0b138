// Rush benchmark: many buyers at once over HTTP against one performance with 300 reserved
// seats and 1,000 general-admission places, until it is sold out; then the same checkout
// transaction sent straight to the database, as a baseline. Prints figures; asserts nothing.
//
//   npm run bench:rush                     # PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432/test
//   npm run bench:rush -- --buyers 64
//   npm run bench:rush -- --profile /tmp/rush   # also writes a CPU profile of the server there
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { createHold } from '../src/server/modules/box-office/holds.ts';
import { placeOrder } from '../src/server/modules/box-office/orders.ts';
import {
  createEvent,
  createPerformance,
  getPerformance,
  getSaleInfo,
} from '../src/server/modules/program/service.ts';
import type { Db } from '../src/server/platform/db/db.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { openPostgres } from '../src/server/platform/db/postgres.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo-content.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BUYERS = arg('buyers', 48);
const profileDir = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : undefined;
const adminUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const HALL = {
  sections: [
    {
      id: 'stalls',
      name: { en: 'Stalls' },
      rows: Array.from({ length: 15 }, (_, i) => ({
        label: String.fromCharCode(65 + i),
        seats: 20,
        category: i < 5 ? 'A' : 'B',
      })),
    },
  ],
};

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ozge_rush_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function newPerformance(db: Db, hubId: string, slug: string): Promise<string> {
  const event = await createEvent(db, hubId, {
    slug,
    kind: 'concert',
    title: { en: `Rush ${slug}` },
    status: 'published',
  });
  const [space] = await db.query<{ id: string }>(
    `select id from spaces where hub_id = $1 and slug = 'theater'`,
    [hubId],
  );
  const start = new Date(Date.now() + 7 * 86_400_000);
  return db.tx((q) =>
    createPerformance(q, hubId, event.id, {
      spaceId: space?.id ?? '',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
      prices: [
        { code: 'A', name: { en: 'A' }, priceTiyn: 800_000 },
        { code: 'B', name: { en: 'B' }, priceTiyn: 500_000 },
        { code: 'S', name: { en: 'Standing' }, priceTiyn: 300_000 },
      ],
      areas: [{ name: { en: 'Standing' }, category: 'S', capacity: 1000 }],
      seatMap: HALL,
    }),
  );
}

/** What a buyer asks for: 1–4 of the best seats, or 1–4 standing places. */
type Wish =
  | { best: { quantity: number }; areas?: undefined }
  | { areas: { areaId: string; quantity: number }[]; best?: undefined };
function wish(areaId: string, seatsLeft: boolean, placesLeft: boolean): Wish {
  const quantity = 1 + Math.floor(Math.random() * 4);
  const seats = seatsLeft && (!placesLeft || Math.random() < 0.4);
  return seats ? { best: { quantity } } : { areas: [{ areaId, quantity }] };
}

interface RunResult {
  orders: number;
  seconds: number;
  latencies: number[];
  conflicts: number;
}

async function rush(
  attempt: (body: Wish) => Promise<'ok' | 'sold_out_seats' | 'sold_out_places' | 'conflict'>,
  areaId: string,
): Promise<RunResult> {
  let seatsLeft = true;
  let placesLeft = true;
  let orders = 0;
  let conflicts = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BUYERS }, async () => {
      while (seatsLeft || placesLeft) {
        const body = wish(areaId, seatsLeft, placesLeft);
        const t0 = performance.now();
        const r = await attempt(body);
        if (r === 'ok') {
          orders++;
          latencies.push(performance.now() - t0);
        } else if (r === 'conflict') conflicts++;
        // "Sold out" for 4 may still leave 1–3: only give up on a kind when even one is gone.
        else if (r === 'sold_out_seats' && body.best?.quantity === 1) seatsLeft = false;
        else if (r === 'sold_out_places' && body.areas?.[0]?.quantity === 1) placesLeft = false;
      }
    }),
  );
  return { orders, seconds: (performance.now() - started) / 1000, latencies, conflicts };
}

async function audit(db: Db, performanceId: string) {
  const [r] = await db.query<{ seatTickets: number; distinctSeats: number; placeTickets: number }>(
    `select count(*) filter (where seat_id is not null)::int as "seatTickets", count(distinct seat_id)::int as "distinctSeats",
            count(*) filter (where seat_id is null)::int as "placeTickets"
       from tickets where performance_id = $1 and status = 'valid'`,
    [performanceId],
  );
  const seatTickets = r?.seatTickets ?? 0;
  const placeTickets = r?.placeTickets ?? 0;
  return {
    seatTickets,
    placeTickets,
    oversold: Math.max(0, seatTickets - 300) + Math.max(0, placeTickets - 1000),
    soldTwice: seatTickets - (r?.distinctSeats ?? 0),
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

function report(label: string, r: RunResult, a: Awaited<ReturnType<typeof audit>>) {
  console.log(
    `${label.padEnd(22)} ${String(r.orders).padStart(5)} orders in ${r.seconds.toFixed(2)} s = ${(r.orders / r.seconds).toFixed(0).padStart(5)} orders/s` +
      `   p50 ${pct(r.latencies, 50).toFixed(1)} ms  p95 ${pct(r.latencies, 95).toFixed(1)} ms  p99 ${pct(r.latencies, 99).toFixed(1)} ms` +
      `   seats ${a.seatTickets}/300 places ${a.placeTickets}/1000  oversold ${a.oversold}  sold twice ${a.soldTwice}  (conflicts retried: ${r.conflicts})`,
  );
}

/**
 * CPU time (ms) used so far by the app's process and by this database's server backends,
 * read from /proc: the cost of an order that a loaded machine does not blur, unlike orders/s.
 */
async function cpuUse(db: Db, appPid: number): Promise<{ app: number; database: number; buyers: number }> {
  const ms = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return ((Number(fields[11]) || 0) + (Number(fields[12]) || 0)) * 10; // utime + stime, 100 ticks/s
    } catch {
      return 0; // not on Linux, or the database runs elsewhere
    }
  };
  const backends = await db.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  return {
    app: ms(appPid),
    database: backends.reduce((n, b) => n + ms(b.pid), 0),
    buyers: appPid === process.pid ? 0 : ms(process.pid),
  };
}

const perOrder = (before: Awaited<ReturnType<typeof cpuUse>>, after: typeof before, orders: number) => {
  const each = (k: keyof typeof before) => ((after[k] - before[k]) / orders).toFixed(2);
  return `CPU per order: app ${each('app')} ms, database ${each('database')} ms${before.buyers ? `, buyers' HTTP client ${each('buyers')} ms` : ''}`;
};

// The buyers' client: plain node:http on kept-alive connections, the lightest client Node has,
// so that the buyers take as little as possible of the CPU the server and database share.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const database = await createDatabase();
const db = await openPostgres(database.url, 20);
try {
  await migrate(db);
  const config = loadConfig({ NODE_ENV: 'development' });
  await seedDemo(db, config.scryptCost);
  const [hub] = await db.query<{ id: string }>(`select id from hubs where slug = 'astana'`);
  const hubId = hub?.id ?? '';
  console.log(
    `Rush: ${BUYERS} concurrent buyers, 300 seats + 1,000 standing places, PostgreSQL, Node ${process.version}`,
  );

  // Over HTTP: the server in its own process, buyers here.
  const port = await freePort();
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = spawn(process.execPath, [...profile, 'src/server/main.ts'], {
    // Production settings: no response-schema checks, as in a real deployment.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED: 'none',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'boxoffice@astana.ozgeepic.kz', password: DEMO_PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
  const httpPerf = await newPerformance(db, hubId, 'rush-http');
  const httpArea = (await getPerformance(db, hubId, httpPerf)).areas[0]?.id ?? '';
  const httpCpu = await cpuUse(db, server.pid ?? 0);
  const http = await rush(async (body) => {
    const hold = await post(`${base}/api/v1/hubs/astana/performances/${httpPerf}/holds`, headers, body);
    if (hold.status !== 201) {
      const code = (hold.json as { code: string }).code;
      if (code === 'sold_out') return body.best ? 'sold_out_seats' : 'sold_out_places';
      return 'conflict';
    }
    const { id } = hold.json as { id: string };
    const order = await post(
      `${base}/api/v1/hubs/astana/orders`,
      { ...headers, 'idempotency-key': `rush-${id}` },
      { holdId: id, buyer: {}, payment: { provider: 'desk', method: 'card' } },
    );
    return order.status === 201 ? 'ok' : 'conflict';
  }, httpArea);
  const httpCpuAfter = await cpuUse(db, server.pid ?? 0);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  report('over HTTP', http, await audit(db, httpPerf));
  console.log(`${''.padEnd(23)}${perOrder(httpCpu, httpCpuAfter, http.orders)}`);

  // Baseline: the same transaction (hold, then order with tickets), straight to the database.
  const directPerf = await newPerformance(db, hubId, 'rush-direct');
  const perfDto = await getSaleInfo(db, hubId, directPerf, { drafts: false });
  const directCpu = await cpuUse(db, process.pid);
  const direct = await rush(async (body) => {
    try {
      const hold = await db.tx((q) => createHold(q, perfDto, hubId, null, body));
      await db.tx((q) =>
        placeOrder(q, {
          hubId,
          holdId: hold.id,
          channel: 'desk',
          userId: null,
          createdBy: null,
          buyer: {},
          locale: 'kk',
          idempotencyKey: `rush-${hold.id}`,
          paidNow: true,
          complimentary: false,
          provider: 'desk',
          method: 'card',
        }),
      );
      return 'ok';
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'sold_out') return body.best ? 'sold_out_seats' : 'sold_out_places';
      return 'conflict';
    }
  }, perfDto.areas[0]?.id ?? '');
  const directCpuAfter = await cpuUse(db, process.pid);
  report('straight to database', direct, await audit(db, directPerf));
  console.log(`${''.padEnd(23)}${perOrder(directCpu, directCpuAfter, direct.orders)}`);
  console.log(
    `ratio app/baseline: ${(http.orders / http.seconds / (direct.orders / direct.seconds)).toFixed(2)}`,
  );
} finally {
  await db.close();
  await database.drop();
}
