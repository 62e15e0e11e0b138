// Tickets after payment: the PDF, the mail that carries it (durably, through the outbox), the
// receipt with VAT and the fiscal receipts for the sale and the refund.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { runDueJobs, startDeliveryWorker } from '../../src/server/modules/box-office/delivery.ts';
import { createTicketSigner } from '../../src/server/modules/box-office/ticket-signing.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { createMailer } from '../../src/server/platform/mail.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';
import { createTestPerformance } from '../support/program.ts';

interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function splitHead(raw: string): { headers: (name: string) => string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(at).replace(/^\r?\n\r?\n/, '');
  return { headers: (name) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '', body };
}

function decodeBody(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  return Buffer.from(body, 'utf8');
}

/** A multipart message from the outbox: its text and its attachments. */
function parseMail(raw: string): Mail {
  const { headers, body } = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers('Content-Type'))?.[1];
  const mail: Mail = {
    to: headers('To'),
    subject: decodeWords(headers('Subject')),
    text: '',
    attachments: [],
  };
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const part of parts) {
    const p = splitHead(part.replace(/^\r?\n/, ''));
    const type = p.headers('Content-Type');
    const content = decodeBody(p.body.trim(), p.headers('Content-Transfer-Encoding').toLowerCase());
    if (type.startsWith('text/plain')) mail.text = content.toString('utf8');
    else
      mail.attachments.push({
        filename: /filename="?([^";]+)"?/.exec(p.headers('Content-Disposition'))?.[1] ?? '',
        contentType: type.split(';')[0] ?? '',
        content,
      });
  }
  return mail;
}

async function outbox(dir: string): Promise<Mail[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map(async (f) => parseMail(await readFile(path.join(dir, f), 'utf8'))));
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The app's own context when start-up exposes it, else one built the same way (same secret, same keys). */
function contextOf(t: TestApp): AppContext {
  const exposed = (t.app as unknown as { appContext?: AppContext }).appContext;
  if (exposed) return exposed;
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { webDir: undefined, mailOutboxDir: t.outboxDir, publicUrl: 'http://hub.test' },
  );
  return {
    db: t.tdb.db,
    config,
    mailer: createMailer({ smtpUrl: undefined, outboxDir: t.outboxDir, from: config.mailFrom }),
    signer: createTicketSigner(config.secret),
    payments: new Map(),
  };
}

describe.each(DRIVERS)('ticket delivery (%s)', (driver) => {
  let t: TestApp;
  let manager: Client;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    manager = await t.signedIn('program@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
  });
  afterAll(() => t.close());

  const sell = async (perfId: string, hold: object, buyer: object, extra: object = {}) => {
    const h = await desk.post(`/api/v1/hubs/astana/performances/${perfId}/holds`, hold);
    expect(h.statusCode, h.body).toBe(201);
    const res = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: h.json().id,
      buyer,
      payment: { provider: 'desk', method: 'card' },
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: number; tickets: { id: string }[] };
  };
  const mailsTo = async (to: string) => (await outbox(t.outboxDir)).filter((m) => m.to.includes(to));

  it('mails the tickets as a PDF with a link to the order once the order is paid', async () => {
    const { performanceId, areaId } = await createTestPerformance(manager);
    const order = await sell(
      performanceId,
      { seats: ['stalls-A-2'], areas: [{ areaId, quantity: 1 }] },
      { email: 'aigerim@example.kz', name: 'Айгерім' },
      { locale: 'ru' },
    );
    const [mail, ...more] = await mailsTo('aigerim@example.kz');
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe(`ÓzgeEpic: билеты по заказу №${order.number}`);
    expect(mail?.text).toContain(`http://hub.test/orders/${order.id}?hub=astana`);
    expect(mail?.text).toContain('«Сынақ қойылымы»');
    const pdf = mail?.attachments[0];
    expect(pdf).toMatchObject({ filename: `tickets-${order.number}.pdf`, contentType: 'application/pdf' });
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf?.content ?? Buffer.alloc(0))).toBe(2);
    // The font travels inside the file, so every reader shows the Kazakh letters.
    expect(pdf?.content.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf?.content.toString('latin1')).toMatch(/NotoSans-Bold/);
  });

  it('serves the PDF in the asked language to whoever may see the order, and only them', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-B-3', 'stalls-B-4', 'stalls-B-5'] }, {});
    const url = `/api/v1/hubs/astana/orders/${order.id}/tickets.pdf`;
    // A guest order is reached by its unguessable id, like GET /orders/:id.
    const guest = await t.client().get(`${url}?lang=kk-Latn`);
    expect(guest.statusCode).toBe(200);
    expect(guest.headers['content-type']).toBe('application/pdf');
    expect(guest.headers['content-disposition']).toContain(`tickets-${order.number}.pdf`);
    expect(pageCount(guest.rawPayload)).toBe(3);
    if (hasTool('pdftotext')) {
      const file = path.join(t.outboxDir, 'check.pdf');
      await writeFile(file, guest.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Synaq qoiylymy');
      expect(text).toContain('Qatar');
      expect(text).toContain(`№ ${order.number}`);
      await rm(file);
    }
    // An account's order belongs to that account (and the box office).
    await t.tdb.db.query(
      `update orders set user_id = (select id from users where email = 'resident@astana.ozgeepic.kz') where id = $1`,
      [order.id],
    );
    expect((await t.client().get(url)).statusCode).toBe(404);
    expect((await (await t.signedIn('curator@astana.ozgeepic.kz')).get(url)).statusCode).toBe(404);
    expect((await (await t.signedIn('resident@astana.ozgeepic.kz')).get(url)).statusCode).toBe(200);
    expect((await desk.get(url)).statusCode).toBe(200);
    const receipt = await t.client().get(`/api/v1/hubs/astana/orders/${order.id}/receipt`);
    expect(receipt.statusCode).toBe(404);
    expect(receipt.headers['content-type']).toContain('application/problem+json');
  });

  it('gives a receipt with VAT per line and a fiscal receipt for the sale, then one for the refund', async () => {
    const { performanceId, areaId } = await createTestPerformance(manager);
    const order = await sell(performanceId, { seats: ['stalls-A-5'], areas: [{ areaId, quantity: 2 }] }, {});
    const res = await t.client().get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=en`);
    expect(res.statusCode, res.body).toBe(200);
    const receipt = res.json();
    expect(receipt).toMatchObject({
      orderNumber: order.number,
      status: 'paid',
      refundedAt: null,
      hub: { slug: 'astana', timeZone: 'Asia/Almaty', city: expect.objectContaining({ kk: 'Астана' }) },
      currency: 'KZT',
      totals: { amountTiyn: 900_000, vatTiyn: 68_966 + 2 * 27_586, netTiyn: 900_000 - 124_138 },
      vatSummary: [{ vatRateBp: 1600, amountTiyn: 900_000, vatTiyn: 124_138 }],
      payments: [{ provider: 'desk', method: 'card', amountTiyn: 900_000, status: 'succeeded' }],
    });
    expect(
      receipt.lines.map((l: { amountTiyn: number; vatTiyn: number }) => [l.amountTiyn, l.vatTiyn]),
    ).toEqual([
      [500_000, 68_966],
      [200_000, 27_586],
      [200_000, 27_586],
    ]);
    expect(receipt.lines[0].description).toMatch(/^Test play, .* — Front, Stalls · Row A · Seat 5$/);
    expect(receipt.fiscal).toHaveLength(1);
    expect(receipt.fiscal[0]).toMatchObject({ kind: 'sale', provider: 'local' });
    expect(receipt.fiscal[0].fiscalSign).toMatch(/^[0-9A-F]{16}$/);

    const refund = await desk.post(`/api/v1/hubs/astana/orders/${order.id}/refund`, {
      reason: 'changed plans',
    });
    expect(refund.statusCode, refund.body).toBe(200);
    await runDueJobs(contextOf(t));
    const after = (await t.client().get(`/api/v1/hubs/astana/orders/${order.id}/receipt`)).json();
    expect(after.status).toBe('refunded');
    expect(Date.parse(after.refundedAt)).toBeGreaterThanOrEqual(Date.parse(after.paidAt));
    expect(after.fiscal.map((f: { kind: string }) => f.kind)).toEqual(['sale', 'refund']);
    // Numbered by the hub's register, after the sale.
    expect(Number(after.fiscal[1].number)).toBeGreaterThan(Number(after.fiscal[0].number));
    const journal = await t.tdb.db.query<{ operation: string; total: string }>(
      `select operation, total_tiyn::text as total from local_fiscal_journal where number = $1 and hub_id = (select id from hubs where slug = 'astana')`,
      [after.fiscal[1].number],
    );
    expect(journal).toEqual([{ operation: 'refund', total: '900000' }]);
    const pdf = await t.client().get(`/api/v1/hubs/astana/orders/${order.id}/tickets.pdf`);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().detail).toContain('refunded');
  });

  it('issues no fiscal receipt for free tickets and sends nothing without an address', async () => {
    const { performanceId } = await createTestPerformance(manager);
    const before = (await outbox(t.outboxDir)).length;
    const comp = await sell(
      performanceId,
      { seats: ['stalls-A-1'] },
      {},
      { complimentary: { reason: 'press' } },
    );
    const receipt = (await desk.get(`/api/v1/hubs/astana/orders/${comp.id}/receipt`)).json();
    expect(receipt.totals.amountTiyn).toBe(0);
    expect(receipt.fiscal).toEqual([]);
    expect((await outbox(t.outboxDir)).length).toBe(before);
    const jobs = await t.tdb.db.query('select kind from order_jobs where order_id = $1', [comp.id]);
    expect(jobs).toEqual([]);
  });

  it('keeps the mail when sending fails and sends it on a later attempt, also after a restart', async () => {
    const { performanceId } = await createTestPerformance(manager);
    // The outbox folder becomes a file: every send fails, as with an SMTP server that is down.
    await rm(t.outboxDir, { recursive: true, force: true });
    await writeFile(t.outboxDir, 'not a folder');
    const order = await sell(performanceId, { seats: ['stalls-B-1'] }, { email: 'dana@example.kz' });
    const [job] = await t.tdb.db.query<{ status: string; attempts: number; lastError: string }>(
      `select status, attempts, last_error as "lastError" from order_jobs where order_id = $1 and kind = 'tickets_mail'`,
      [order.id],
    );
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job?.lastError).toBeTruthy();
    // The sale itself went through, with its fiscal receipt.
    const receipt = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt`)).json();
    expect(receipt.fiscal).toHaveLength(1);

    await rm(t.outboxDir, { force: true });
    await mkdir(t.outboxDir);
    // Not due yet: the retry waits.
    expect(await runDueJobs(contextOf(t))).toBe(0);
    await t.tdb.db.query(`update order_jobs set next_attempt_at = now() where order_id = $1`, [order.id]);
    // A process starting up runs what is due at once.
    const worker = startDeliveryWorker(contextOf(t), { intervalMs: 60_000 });
    await expect.poll(async () => (await mailsTo('dana@example.kz')).length, { timeout: 10_000 }).toBe(1);
    await worker.stop();
    const [done] = await t.tdb.db.query<{ status: string; attempts: number }>(
      `select status, attempts from order_jobs where order_id = $1 and kind = 'tickets_mail'`,
      [order.id],
    );
    expect(done).toMatchObject({ status: 'done', attempts: 2 });
    // Nothing is sent twice.
    expect(await runDueJobs(contextOf(t))).toBe(0);
    expect(await mailsTo('dana@example.kz')).toHaveLength(1);
  });
});
