// An API under test: the real app on a fresh database with the demo network, driven through
// fastify.inject with a cookie jar and the CSRF header, like the web app does.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createMailer } from '../../src/server/platform/mail.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-content.ts';
import { createTestDb, type Driver, type TestDb } from './db.ts';

export const TEST_SCRYPT_COST = 2 ** 10;

export interface TestApp {
  app: FastifyInstance;
  tdb: TestDb;
  outboxDir: string;
  client(): Client;
  /** A client already signed in as a demo account. */
  signedIn(email: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function createTestApp(driver: Driver, opts: { seed?: boolean } = {}): Promise<TestApp> {
  const tdb = await createTestDb(driver);
  const outboxDir = await mkdtemp(path.join(tmpdir(), 'ozge-outbox-'));
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      scryptCost: TEST_SCRYPT_COST,
      webDir: undefined,
      mailOutboxDir: outboxDir,
      publicUrl: 'http://hub.test',
    },
  );
  if (opts.seed !== false) await seedDemo(tdb.db, config.scryptCost);
  const mailer = createMailer({ smtpUrl: undefined, outboxDir, from: config.mailFrom });
  const app = await buildApp({ db: tdb.db, config, mailer });
  await app.ready();
  const t: TestApp = {
    app,
    tdb,
    outboxDir,
    client: () => new Client(app),
    async signedIn(email, password = DEMO_PASSWORD) {
      const c = new Client(app);
      const res = await c.post('/api/v1/auth/sign-in', { email, password });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.body}`);
      return c;
    },
    async close() {
      await app.close();
      await tdb.drop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
  return t;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class Client {
  cookies = new Map<string, string>();
  csrfToken = '';
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async request(method: Method, url: string, body?: unknown, extra: Partial<InjectOptions> = {}) {
    const headers: Record<string, string> = { ...(extra.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in headers))
      headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      ...extra,
      headers,
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (res.headers['content-type']?.toString().includes('json') && res.body) {
      const json = res.json() as { csrfToken?: unknown };
      if (typeof json?.csrfToken === 'string') this.csrfToken = json.csrfToken;
    }
    return res;
  }
  get = (url: string, extra?: Partial<InjectOptions>) => this.request('GET', url, undefined, extra);
  post = (url: string, body?: unknown, extra?: Partial<InjectOptions>) =>
    this.request('POST', url, body, extra);
  put = (url: string, body?: unknown, extra?: Partial<InjectOptions>) =>
    this.request('PUT', url, body, extra);
  patch = (url: string, body?: unknown, extra?: Partial<InjectOptions>) =>
    this.request('PATCH', url, body, extra);
  delete = (url: string, extra?: Partial<InjectOptions>) => this.request('DELETE', url, undefined, extra);
}

/** The outbox's messages, decoded (quoted-printable bodies, encoded-word subjects). */
export async function readOutbox(dir: string): Promise<{ to: string; subject: string; text: string }[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map(async (f) => parseEml(await readFile(path.join(dir, f), 'utf8'))));
}

export function parseEml(raw: string): { to: string; subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(unfolded)?.[1] ?? '';
  const decodeWords = (s: string) =>
    s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
  let body = rest.join('\n\n');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { to: header('To'), subject: decodeWords(header('Subject')), text: body };
}

export const linkIn = (text: string, pathPart: string): string => {
  const m = new RegExp(`https?://\\S*${pathPart.replace(/[/?]/g, '\\$&')}\\S*`).exec(text);
  if (!m) throw new Error(`no ${pathPart} link in: ${text}`);
  return m[0];
};
