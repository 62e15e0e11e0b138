import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, linkIn, readOutbox, type TestApp } from '../support/app.ts';
import { DRIVERS } from '../support/db.ts';

describe.each(DRIVERS)('accounts over HTTP (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t.close());

  it('signs up, keeps the session in an HttpOnly SameSite cookie, signs out', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/sign-up', {
      email: 'Aru@Example.kz',
      password: 'correct horse battery',
      name: 'Аружан',
      locale: 'ru',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({
      email: 'aru@example.kz',
      name: 'Аружан',
      locale: 'ru',
      hubs: [],
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ozge_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await c.get('/api/v1/session')).json().user.email).toBe('aru@example.kz');
    expect((await c.post('/api/v1/auth/sign-out')).statusCode).toBe(204);
    expect((await c.get('/api/v1/session')).json().user).toBeNull();
  });

  it('refuses a second account with the same email in any case', async () => {
    const res = await t.client().post('/api/v1/auth/sign-up', {
      email: 'DIRECTOR@astana.ozgeepic.kz',
      password: 'another password',
      name: 'X',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('email_taken');
  });

  it('signs in with the right password only, with the same message for an unknown email', async () => {
    const wrong = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: 'curator@astana.ozgeepic.kz', password: 'nope nope nope' });
    const unknown = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: 'nobody@example.kz', password: 'nope nope nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const c = await t.signedIn('curator@astana.ozgeepic.kz');
    expect((await c.get('/api/v1/session')).json().user.hubs[0]).toMatchObject({
      hubSlug: 'astana',
      roles: ['curator'],
    });
  });

  it('rate-limits failed sign-ins per email', async () => {
    await t
      .client()
      .post('/api/v1/auth/sign-up', { email: 'target@example.kz', password: 'the real password', name: 'T' });
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await t
            .client()
            .post('/api/v1/auth/sign-in', { email: 'target@example.kz', password: `guess ${i}` })
        ).statusCode,
      ).toBe(401);
    }
    const blocked = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: 'target@example.kz', password: 'the real password' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    expect(blocked.headers['retry-after']).toBe('900');
  });

  it('requires the CSRF token on writes made with the session cookie', async () => {
    const c = await t.signedIn('director@astana.ozgeepic.kz');
    const res = await c.patch('/api/v1/me', { locale: 'en' }, { headers: { 'x-csrf-token': 'forged' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    const ok = await c.patch('/api/v1/me', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en');
  });

  it('answers 401 session_expired to an expired or unknown session cookie', async () => {
    const c = await t.signedIn('shop@astana.ozgeepic.kz');
    await t.tdb.db.query(`update sessions set expires_at = now() - interval '1 minute'`);
    const res = await c.patch('/api/v1/me', { name: 'X' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
    const forged = t.client();
    forged.cookies.set('ozge_session', 'not-a-session');
    expect((await forged.get('/api/v1/hubs/astana/staff')).json().code).toBe('session_expired');
  });

  it('resets a forgotten password by an emailed single-use link', async () => {
    const c = t.client();
    await c.post('/api/v1/auth/sign-up', {
      email: 'forgetful@example.kz',
      password: 'old password 1',
      name: 'F',
      locale: 'kk',
    });
    const signedInElsewhere = await t.signedIn('forgetful@example.kz', 'old password 1');
    expect(
      (await t.client().post('/api/v1/auth/password-reset', { email: 'forgetful@example.kz' })).statusCode,
    ).toBe(202);
    expect(
      (await t.client().post('/api/v1/auth/password-reset', { email: 'ghost@example.kz' })).statusCode,
    ).toBe(202);
    const mails = (await readOutbox(t.outboxDir)).filter((m) => m.to.includes('forgetful@example.kz'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('құпиясөз');
    const token = new URL(linkIn(mails[0]?.text ?? '', '/reset-password?token=')).searchParams.get('token');
    const confirm = await t
      .client()
      .post('/api/v1/auth/password-reset/confirm', { token, password: 'new password 2' });
    expect(confirm.statusCode).toBe(204);
    const again = await t
      .client()
      .post('/api/v1/auth/password-reset/confirm', { token, password: 'new password 3' });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('token_expired');
    expect((await signedInElsewhere.get('/api/v1/session')).json().user).toBeNull();
    await t.signedIn('forgetful@example.kz', 'new password 2');
    const bogus = await t
      .client()
      .post('/api/v1/auth/password-reset/confirm', { token: 'bogus', password: 'new password 4' });
    expect(bogus.json().code).toBe('token_invalid');
  });

  it('refuses an expired reset token', async () => {
    await t
      .client()
      .post('/api/v1/auth/password-reset', { email: 'resident@astana.ozgeepic.kz', locale: 'en' });
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('resident@astana'));
    expect(mail?.subject).toBe('ÓzgeEpic: reset your password');
    const token = new URL(linkIn(mail?.text ?? '', '/reset-password?token=')).searchParams.get('token');
    await t.tdb.db.query(`update password_reset_tokens set expires_at = now() - interval '1 second'`);
    const res = await t
      .client()
      .post('/api/v1/auth/password-reset/confirm', { token, password: 'whatever 12345' });
    expect(res.statusCode).toBe(410);
  });

  it('uses a reset token once even when two requests race', async () => {
    await t.client().post('/api/v1/auth/password-reset', { email: 'program@astana.ozgeepic.kz' });
    const mail = (await readOutbox(t.outboxDir)).find((m) => m.to.includes('program@astana'));
    const token = new URL(linkIn(mail?.text ?? '', '/reset-password?token=')).searchParams.get('token');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.client().post('/api/v1/auth/password-reset/confirm', { token, password: `racing password ${i}` }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 204)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 410)).toHaveLength(7);
  });
});
