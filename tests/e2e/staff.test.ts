import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import { seriousViolations } from './axe.ts';
import {
  DEMO_PASSWORD,
  hasChromium,
  launchBrowser,
  newPage,
  offsiteRequests,
  shoot,
  signIn,
} from './browser.ts';
import { linkFromMail } from './mail.ts';
import { startTestServer, type TestServer } from './server.ts';

// What each demo account must see in its back office: exactly these sections, in this order.
const ACCOUNTS = [
  {
    email: 'admin@ozgeepic.kz',
    hub: 'astana',
    role: 'network_admin',
    sections: [
      'overview',
      'program',
      'offers',
      'vouchers',
      'spaces',
      'staff',
      'audit',
      'settings',
      'desk',
      'door',
      'hubs',
    ],
  },
  {
    email: 'director@astana.ozgeepic.kz',
    hub: 'astana',
    role: 'hub_admin',
    sections: [
      'overview',
      'program',
      'offers',
      'vouchers',
      'spaces',
      'staff',
      'audit',
      'settings',
      'desk',
      'door',
    ],
  },
  {
    email: 'program@astana.ozgeepic.kz',
    hub: 'astana',
    role: 'program_manager',
    sections: ['overview', 'program', 'offers', 'vouchers', 'spaces'],
  },
  {
    email: 'boxoffice@astana.ozgeepic.kz',
    hub: 'astana',
    role: 'box_office',
    sections: ['overview', 'vouchers', 'desk', 'door'],
  },
  { email: 'curator@astana.ozgeepic.kz', hub: 'astana', role: 'curator', sections: ['overview'] },
  { email: 'shop@astana.ozgeepic.kz', hub: 'astana', role: 'shop_clerk', sections: ['overview'] },
  { email: 'resident@astana.ozgeepic.kz', hub: 'astana', role: 'resident', sections: ['overview'] },
  {
    email: 'director@shymkent.ozgeepic.kz',
    hub: 'shymkent',
    role: 'hub_admin',
    sections: [
      'overview',
      'program',
      'offers',
      'vouchers',
      'spaces',
      'staff',
      'audit',
      'settings',
      'desk',
      'door',
    ],
  },
] as const;

async function navSections(page: Page): Promise<string[]> {
  await page.locator('[data-testid="bo-nav"]').waitFor();
  const ids = await page
    .locator('[data-testid^="bo-nav-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace('bo-nav-', ''));
}

describe.skipIf(!hasChromium)('staff in the back office', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  const fresh = () => newPage(browser, server.url);

  for (const account of ACCOUNTS) {
    it(`${account.email} signs in and sees exactly the sections of a ${account.role}`, async () => {
      const page = await fresh();
      await signIn(page, account.email);
      if (account.role === 'network_admin') {
        // A network admin works in every hub and picks one at /back-office.
        await page.goto('/back-office');
        await page.locator('[data-testid="hub-picker"]').waitFor();
        expect(await page.locator('[data-testid="hub-picker"] li').count()).toBeGreaterThanOrEqual(2);
        await page.locator(`[data-testid="hub-picker"] a[href="/back-office/${account.hub}"]`).click();
      } else {
        await page.locator('[data-testid="nav-back-office"]').click();
      }
      await page.waitForURL(`**/back-office/${account.hub}`);
      expect(await navSections(page)).toEqual(account.sections);
      await page.locator(`[data-testid="role-${account.role}"]`).waitFor();
      if (account.role === 'hub_admin' || account.role === 'box_office')
        await shoot(page, `bo-overview-${account.role}-${account.hub}`);

      // A section outside the role is closed even by its address.
      if (!account.sections.includes('staff' as never)) {
        await page.goto(`/back-office/${account.hub}/staff`);
        await page.locator('[data-testid="no-access"]').waitFor();
      }
      await page.context().close();
    });
  }

  it('tells a visitor without a role that the back office is closed, and a stranger to sign in', async () => {
    const page = await fresh();
    await page.goto('/back-office/astana');
    await page
      .getByRole('link', { name: t('en', 'header.signIn') })
      .last()
      .waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain(t('en', 'bo.signInRequired'));

    const { csrfToken } = await (await page.request.get('/api/v1/session')).json();
    const res = await page.request.post('/api/v1/auth/sign-up', {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        email: `visitor.${Date.now()}@example.kz`,
        password: 'visitor-password',
        name: 'Ерлан',
        locale: 'en',
      },
    });
    expect(res.status()).toBe(201);
    for (const path of ['/back-office', '/back-office/astana', '/back-office/astana/audit']) {
      await page.goto(path);
      await page.locator('[data-testid="no-access"]').waitFor();
    }
    expect(await page.locator('[data-testid="nav-back-office"]').count()).toBe(0);
    await shoot(page, 'bo-no-access-en');
    await page.context().close();
  });

  it('a hub admin edits a space, invites staff who accept by mail, and the audit log shows it', async () => {
    const director = await fresh();
    await signIn(director, 'director@astana.ozgeepic.kz');
    await director.locator('.lang-switcher button[data-locale="ru"]').click();

    // Edit the English name of the bookstore; the public page shows it.
    await director.goto('/back-office/astana/spaces');
    await director.locator('[data-testid="bo-nav-spaces"][aria-current="page"]').waitFor();
    const form = director.locator('[data-testid="space-form-bookstore"]');
    await director.locator('summary', { hasText: 'Книжн' }).click();
    const enName = form.locator('input[name="name.en"]');
    await enName.fill('Bookstore of Kazakh publishers');
    // The Latin Kazakh name was derived from the Cyrillic; changing the Cyrillic must renew it.
    await form.locator('input[name="name.kk"]').fill('Кітап дүкені мен оқу залы');
    await shoot(director, 'bo-spaces-ru');
    await form.locator('button[type="submit"]').click();
    await form.getByRole('status').waitFor();

    // Invite a new curator.
    const invitee = `dana.${Date.now()}@example.kz`;
    await director.goto('/back-office/astana/staff');
    await director.locator('[data-testid="staff-table"]').waitFor();
    const invite = director.locator('[data-testid="invite-form"]');
    await invite.locator('input[name="email"]').fill(invitee);
    await invite.locator('select[name="role"]').selectOption('curator');
    await invite.locator('button[type="submit"]').click();
    await director.locator(`[data-testid="invitation-${invitee}"]`).waitFor();
    await shoot(director, 'bo-staff-ru');

    const link = await linkFromMail(server.outboxDir, invitee, /\/invitations\//);
    const guest = await fresh();
    await guest.goto(link);
    const accept = guest.locator('[data-testid="accept-form"]');
    await accept.locator('input[name="name"]').fill('Дана Омарова');
    await accept.locator('input[name="password"]').fill('dana-password-1');
    await shoot(guest, 'invitation-en');
    await accept.locator('button[type="submit"]').click();
    await guest.waitForURL('**/back-office/astana');
    expect(await navSections(guest)).toEqual(['overview']);
    await guest.locator('[data-testid="role-curator"]').waitFor();
    await guest.context().close();

    // The director sees the new member and the log of what happened.
    await director.reload();
    await director.locator(`[data-testid="staff-${invitee}"]`).waitFor();
    expect(await director.locator(`[data-testid="invitation-${invitee}"]`).count()).toBe(0);
    await director.locator('[data-testid="bo-nav-audit"]').click();
    const audit = director.locator('[data-testid="audit-table"]');
    await audit.waitFor();
    const text = await audit.textContent();
    expect(text).toContain(t('ru', 'audit.staff.accept_invitation'));
    expect(text).toContain(t('ru', 'audit.staff.invite'));
    expect(text).toContain(t('ru', 'audit.space.update'));
    await shoot(director, 'bo-audit-ru');

    const pub = await fresh();
    await pub.goto('/astana/spaces/bookstore');
    await expect.poll(() => pub.locator('h1').textContent()).toBe('Bookstore of Kazakh publishers');
    await pub.locator('.lang-switcher button[data-locale="kk-Latn"]').click();
    await expect.poll(() => pub.locator('h1').textContent()).toBe('Kıtap dükenı men oqu zaly');
    await pub.context().close();
    await director.context().close();
  });

  it('a hub admin revokes an invitation and changes a member’s roles', async () => {
    const page = await fresh();
    await signIn(page, 'director@astana.ozgeepic.kz');
    await page.goto('/back-office/astana/staff');
    const email = `temp.${Date.now()}@example.kz`;
    const invite = page.locator('[data-testid="invite-form"]');
    await invite.locator('input[name="email"]').fill(email);
    await invite.locator('button[type="submit"]').click();
    const row = page.locator(`[data-testid="invitation-${email}"]`);
    await row.locator('button').click();
    await row.waitFor({ state: 'detached' });

    const member = page.locator('[data-testid="staff-shop@astana.ozgeepic.kz"]');
    await member.locator('input[value="box_office"]').check();
    await member.locator('button[type="submit"]').click();
    await expect
      .poll(async () => {
        const staff = await (await page.request.get('/api/v1/hubs/astana/staff')).json();
        return staff.find((m: { email: string }) => m.email === 'shop@astana.ozgeepic.kz')?.roles.sort();
      })
      .toEqual(['box_office', 'shop_clerk']);
    await page.context().close();
  });

  it('someone with an account accepts an invitation after signing in, then picks between two hubs', async () => {
    const director = await fresh();
    await signIn(director, 'director@shymkent.ozgeepic.kz');
    await director.goto('/back-office/shymkent/staff');
    const invite = director.locator('[data-testid="invite-form"]');
    await invite.locator('input[name="email"]').fill('curator@astana.ozgeepic.kz');
    await invite.locator('select[name="role"]').selectOption('curator');
    await invite.locator('button[type="submit"]').click();
    await director.locator('[data-testid="invitation-curator@astana.ozgeepic.kz"]').waitFor();
    await director.context().close();

    const link = await linkFromMail(server.outboxDir, 'curator@astana.ozgeepic.kz', /\/invitations\//);
    const page = await fresh();
    await page.goto(link);
    // The invitation page sends an existing account to sign in and brings it back.
    await page.locator(`a[href^="/sign-in?next="]`).click();
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid="sign-in-form"] button[type="submit"]').click();
    await page.waitForURL('**/invitations/**');
    await page.locator('main button.button').click();
    await page.waitForURL('**/back-office/shymkent');
    expect(await navSections(page)).toEqual(['overview']);

    await page.goto('/back-office');
    const picker = page.locator('[data-testid="hub-picker"]');
    await picker.waitFor();
    expect(await picker.locator('li').count()).toBe(2);
    await shoot(page, 'bo-hub-picker');
    await picker.locator('a[href="/back-office/astana"]').click();
    await page.locator('[data-testid="role-curator"]').waitFor();
    await page.context().close();
  });

  it('a network admin creates a hub, which gets its own public page', async () => {
    const page = await fresh();
    await signIn(page, 'admin@ozgeepic.kz');
    await page.locator('.lang-switcher button[data-locale="en"]').click();
    await page.goto('/back-office/astana/hubs');
    const form = page.locator('[data-testid="create-hub-form"]');
    await form.locator('button[type="submit"]').click();
    // Nothing filled in: each problem is named next to its field.
    expect(await form.locator('.field-error').count()).toBe(3);
    await form.locator('input[name="slug"]').fill('karaganda');
    await form.locator('input[name="name.kk"]').fill('ÓzgeEpic Қарағанды');
    await form.locator('input[name="name.ru"]').fill('ÓzgeEpic Караганда');
    await form.locator('input[name="name.en"]').fill('ÓzgeEpic Karaganda');
    await form.locator('input[name="city.kk"]').fill('Қарағанды');
    await form.locator('input[name="city.en"]').fill('Karaganda');
    await form.locator('select[name="timeZone"]').selectOption('Asia/Almaty');
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-testid="hubs-table"] a[href="/karaganda"]').waitFor();

    // The same address again is refused with a message, not a crash.
    await form.locator('input[name="slug"]').fill('karaganda');
    await form.locator('input[name="name.en"]').fill('Duplicate');
    await form.locator('input[name="city.en"]').fill('Karaganda');
    await form.locator('button[type="submit"]').click();
    await form.getByRole('alert').waitFor();

    await page.goto('/karaganda');
    await expect.poll(() => page.locator('h1').textContent()).toBe('ÓzgeEpic Karaganda');
    await page.locator('.lang-switcher button[data-locale="kk-Latn"]').click();
    // No Latin name was given: it is made from the Cyrillic one.
    await expect.poll(() => page.locator('h1').textContent()).toBe('ÓzgeEpic Qarağandy');
    await page.context().close();
  });

  it('works on a 360 px phone: the page never scrolls sideways, wide tables scroll in their box', async () => {
    const page = await newPage(browser, server.url, { width: 360, height: 740 });
    await signIn(page, 'director@astana.ozgeepic.kz');
    await page.locator('.lang-switcher button[data-locale="kk-Latn"]').click();
    for (const section of ['', '/spaces', '/staff', '/audit']) {
      await page.goto(`/back-office/astana${section}`);
      await page.locator('.bo-content h1').waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, section || 'overview').toBeLessThanOrEqual(0);
      expect(await seriousViolations(page), section || 'overview').toEqual([]);
      await shoot(page, `phone-bo${section.replace('/', '-') || '-overview'}-kk-Latn`, false);
    }
    await page.context().close();
  });

  it('keeps a hub admin of shymkent out of astana’s staff, in the UI and the API', async () => {
    const page = await fresh();
    await signIn(page, 'director@shymkent.ozgeepic.kz', DEMO_PASSWORD);
    await page.goto('/back-office/astana/staff');
    await page.locator('[data-testid="no-access"]').waitFor();
    expect(await page.locator('[data-testid="staff-table"]').count()).toBe(0);
    const api = await page.request.get('/api/v1/hubs/astana/staff');
    expect([403, 404]).toContain(api.status());
    expect(api.headers()['content-type']).toContain('application/problem+json');
    await page.context().close();
  });
});
