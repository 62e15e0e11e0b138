// A hub's legal details: who sells in law, as receipts name the seller. Entered by the hub's
// admin (or a network admin), the BIN checked by its check digit, shown on every receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as translate } from '../../src/common/i18n/index.ts';
import { LOCALES } from '../../src/common/locales.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';

const LEGAL = {
  name: { kk: '«Жаңа Өнер» ЖШС', ru: 'ТОО «Жана Онер»' },
  bin: '971240001315',
  address: { ru: '010000, г. Астана, улица Достык, 5' },
  vatPayer: true,
  vatCertificate: { series: '62001', number: '0012345' },
};

describe.each(DRIVERS)('hub legal details (%s)', (driver) => {
  let t: TestApp;
  let director: Client;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(driver);
    director = await t.signedIn('director@astana.ozgeepic.kz');
    desk = await t.signedIn('boxoffice@astana.ozgeepic.kz');
  });
  afterAll(() => t.close());

  const sellAtDesk = async () => {
    const perf = (await t.client().get('/api/v1/hubs/astana/events/dombyra-keshi')).json().performances[0];
    const hold = await desk.post(`/api/v1/hubs/astana/performances/${perf.id}/holds`, {
      areas: [{ areaId: perf.areas[0].id, quantity: 1 }],
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const order = await desk.post('/api/v1/hubs/astana/orders', {
      holdId: hold.json().id,
      buyer: {},
      payment: { provider: 'desk', method: 'card' },
    });
    expect(order.statusCode, order.body).toBe(201);
    return order.json() as { id: string };
  };

  it('seeds the demo hubs with legal details whose BINs are valid', async () => {
    const hubs = (await t.client().get('/api/v1/hubs')).json() as {
      slug: string;
      legal: { bin: string; name: Record<string, string>; vatPayer: boolean } | null;
    }[];
    expect(hubs.map((h) => [h.slug, h.legal?.bin])).toEqual([
      ['astana', '190340018723'],
      ['shymkent', '190541019378'],
      ['aktobe', '210941005844'],
    ]);
    const astana = hubs[0]?.legal;
    expect(astana?.name).toMatchObject({
      ru: 'ТОО «ÓzgeEpic»',
      kk: '«ÓzgeEpic» ЖШС',
      'kk-Latn': '«ÓzgeEpic» JŞS',
    });
    expect(astana?.vatPayer).toBe(true);
  });

  it('shows the seller in law on the receipt, and the new details right after an edit', async () => {
    const order = await sellAtDesk();
    const before = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=ru`)).json();
    expect(before.hub).toEqual({
      slug: 'astana',
      name: expect.objectContaining({ ru: 'ÓzgeEpic Астана' }),
      city: expect.objectContaining({ ru: 'Астана' }),
      timeZone: 'Asia/Almaty',
      legal: {
        name: expect.objectContaining({ ru: 'ТОО «ÓzgeEpic»' }),
        bin: '190340018723',
        address: expect.objectContaining({ ru: expect.stringContaining('Кабанбай батыра, 17') }),
        vatPayer: true,
        vatCertificate: { series: '62001', number: '0047718' },
      },
    });

    // The hub was just read for the receipt (and kept a few seconds); the edit shows at once.
    const patched = await director.patch('/api/v1/hubs/astana', { legal: LEGAL });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().legal).toEqual({
      ...LEGAL,
      name: { ...LEGAL.name, 'kk-Latn': '«Jaña Öner» JŞS' },
    });
    const after = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt?lang=ru`)).json();
    expect(after.hub.legal.bin).toBe('971240001315');
    expect(after.hub.legal.name.ru).toBe('ТОО «Жана Онер»');
    expect((await t.client().get('/api/v1/hubs/astana')).json().legal.bin).toBe('971240001315');

    // Not a VAT payer: no certificate; then cleared altogether.
    const notPayer = await director.patch('/api/v1/hubs/astana', {
      legal: { ...LEGAL, vatPayer: false, vatCertificate: null },
    });
    expect(notPayer.json().legal).toMatchObject({ vatPayer: false, vatCertificate: null });
    // Editing only the name leaves the legal details as they are.
    const renamed = await director.patch('/api/v1/hubs/astana', { name: { en: 'ÓzgeEpic Astana' } });
    expect(renamed.json().legal.bin).toBe('971240001315');
    const cleared = await director.patch('/api/v1/hubs/astana', { legal: null });
    expect(cleared.json().legal).toBeNull();
    const none = (await desk.get(`/api/v1/hubs/astana/orders/${order.id}/receipt`)).json();
    expect(none.hub.legal).toBeNull();

    const audit = (await director.get('/api/v1/hubs/astana/audit')).json() as {
      entries: { action: string; details: { fields?: string[] } }[];
    };
    expect(audit.entries.find((e) => e.action === 'hub.update')?.details.fields).toEqual(['legal']);
  });

  it('refuses a BIN whose check digit does not match, in every language', async () => {
    const before = (await t.client().get('/api/v1/hubs/shymkent')).json().legal;
    const admin = await t.signedIn('admin@ozgeepic.kz');
    const res = await admin.patch('/api/v1/hubs/shymkent', { legal: { ...LEGAL, bin: '971240001316' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'invalid_bin',
      errors: [{ path: 'body/legal/bin', message: 'has a wrong check digit' }],
    });
    const messages = LOCALES.map((l) => translate(l, 'problem.invalid_bin'));
    expect(new Set(messages).size).toBe(4);
    for (const m of messages) expect(m).toMatch(/BIN|БИН|БСН|BSN/);
    expect((await t.client().get('/api/v1/hubs/shymkent')).json().legal).toEqual(before);
  });

  it('refuses a malformed BIN, empty names and addresses, and a certificate without VAT', async () => {
    const bad = async (legal: object) => {
      const res = await director.patch('/api/v1/hubs/astana', { legal: { ...LEGAL, ...legal } });
      expect(res.statusCode, res.body).toBe(400);
      return res.json() as { code: string; errors: { path: string }[] };
    };
    expect((await bad({ bin: '97124000131' })).code).toBe('validation_failed');
    expect((await bad({ bin: '97124000131a' })).code).toBe('validation_failed');
    const blank = await bad({ name: { ru: '  ' }, address: {} });
    expect(blank.code).toBe('validation_failed');
    expect(blank.errors.map((e) => e.path)).toEqual(['body/legal/name', 'body/legal/address']);
    const certificate = await bad({ vatPayer: false });
    expect(certificate.errors.map((e) => e.path)).toEqual(['body/legal/vatCertificate']);
    expect((await bad({ vatCertificate: { series: '62A01', number: '1' } })).code).toBe('validation_failed');
  });

  it('lets a hub admin edit only their own hub, and no other role at all', async () => {
    const shymkentAdmin = await t.signedIn('director@shymkent.ozgeepic.kz');
    const other = await shymkentAdmin.patch('/api/v1/hubs/astana', { legal: LEGAL });
    expect(other.statusCode).toBe(403);
    const own = await shymkentAdmin.patch('/api/v1/hubs/shymkent', {
      legal: { ...LEGAL, bin: '190541019378' },
    });
    expect(own.statusCode, own.body).toBe(200);
    for (const email of ['program@astana.ozgeepic.kz', 'boxoffice@astana.ozgeepic.kz']) {
      const c = await t.signedIn(email);
      expect((await c.patch('/api/v1/hubs/astana', { legal: LEGAL })).statusCode).toBe(403);
    }
    expect((await t.client().patch('/api/v1/hubs/astana', { legal: LEGAL })).statusCode).toBe(401);
  });
});
