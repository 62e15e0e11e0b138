// The sandbox PSP's hosted payment page: where the buyer is sent to pay, like the card pages of
// Halyk ePay or Freedom Pay. One self-contained HTML page (no scripts, no external assets) in
// Kazakh, Russian and English; the form posts back here, and the buyer is then sent on to the
// merchant's return URL.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatMoney } from '../../../common/format.ts';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale, negotiateLocale } from '../../../common/locales.ts';
import { kazakhToLatin } from '../../../common/translit.ts';
import { type PspPayment, SANDBOX_PAGE_PATH, type SandboxProvider, TEST_CARDS } from './sandbox.ts';

const KK = {
  title: 'Сынақ төлемі',
  merchant: 'Сатушы',
  purpose: 'Төлем мақсаты',
  order: 'Тапсырыс',
  amount: 'Сома',
  card: 'Карта нөмірі',
  pay: 'Төлеу',
  decline: 'Бас тарту',
  sandbox: 'Сынақ ортасы: ақша аударылмайды.',
  cards: 'Сынақ карталары',
  cardOk: 'төлем өтеді',
  cardDeclined: 'қабылданбайды',
  cardFunds: 'қаражат жеткіліксіз',
  invalidCard: 'Карта нөмірі жарамсыз. Нөмірді тексеріп, қайта енгізіңіз.',
  notFound: 'Мұндай төлем жоқ.',
  succeeded: 'Төлем өтті.',
  declined: 'Төлем қабылданбады.',
  refunded: 'Төлем қайтарылды.',
  back: 'Сайтқа оралу',
};
type Texts = typeof KK;
const TEXTS: Record<Locale, Texts> = {
  kk: KK,
  'kk-Latn': Object.fromEntries(Object.entries(KK).map(([k, v]) => [k, kazakhToLatin(v)])) as Texts,
  ru: {
    title: 'Тестовая оплата',
    merchant: 'Продавец',
    purpose: 'Назначение платежа',
    order: 'Заказ',
    amount: 'Сумма',
    card: 'Номер карты',
    pay: 'Оплатить',
    decline: 'Отказаться',
    sandbox: 'Тестовая среда: деньги не списываются.',
    cards: 'Тестовые карты',
    cardOk: 'оплата пройдёт',
    cardDeclined: 'отказ банка',
    cardFunds: 'недостаточно средств',
    invalidCard: 'Неверный номер карты. Проверьте и введите снова.',
    notFound: 'Такого платежа нет.',
    succeeded: 'Платёж прошёл.',
    declined: 'Платёж отклонён.',
    refunded: 'Платёж возвращён.',
    back: 'Вернуться на сайт',
  },
  en: {
    title: 'Sandbox payment',
    merchant: 'Merchant',
    purpose: 'Payment for',
    order: 'Order',
    amount: 'Amount',
    card: 'Card number',
    pay: 'Pay',
    decline: 'Decline',
    sandbox: 'Test environment: no money moves.',
    cards: 'Test cards',
    cardOk: 'pays',
    cardDeclined: 'declined by the bank',
    cardFunds: 'insufficient funds',
    invalidCard: 'This card number is not valid. Check it and enter it again.',
    notFound: 'There is no such payment.',
    succeeded: 'The payment went through.',
    declined: 'The payment was declined.',
    refunded: 'The payment was refunded.',
    back: 'Back to the site',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const spaced = (card: string) => card.replace(/(\d{4})(?=\d)/g, '$1 ');
// The merchant account the sandbox pays into, as a PSP's page names the shop it pays.
const MERCHANT = 'ÓzgeEpic';
const REF = /^sbx_[A-Za-z0-9_-]{10,60}$/;

function page(locale: Locale, body: string, title: string): string {
  const t = TEXTS[locale];
  const langs = LOCALES.map((l) =>
    l === locale ? `<b>${LOCALE_NAMES[l]}</b>` : `<a href="?lang=${l}" lang="${l}">${LOCALE_NAMES[l]}</a>`,
  ).join(' · ');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${t.title}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f3f1ec;color:#1d1d1b;margin:0;padding:1rem}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 10px #0002}
h1{font-size:1.3rem;margin:0 0 1rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#555}dd{margin:0}
.amount{font-size:1.5rem;font-weight:700}label{display:block;margin-top:1rem;font-weight:600}
input{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;border:2px solid #777;border-radius:6px;letter-spacing:.08em}
input:focus,button:focus,a:focus{outline:3px solid #0b57d0;outline-offset:2px}
.buttons{display:flex;gap:.75rem;margin-top:1rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:2px solid #0b57d0;cursor:pointer}
.pay{background:#0b57d0;color:#fff;flex:1}.decline{background:#fff;color:#0b57d0}
.error{color:#a30000;font-weight:600}.note{background:#fff6d6;padding:.5rem .75rem;border-radius:6px;font-size:.9rem}
nav{font-size:.9rem;margin-bottom:1rem}small{color:#555}
</style></head><body><main><nav aria-label="Language">${langs}</nav>${body}</main></body></html>`;
}

function paymentForm(locale: Locale, p: PspPayment, error?: string, card = ''): string {
  const t = TEXTS[locale];
  return page(
    locale,
    `<h1>${t.title}</h1>
<p class="note">${t.sandbox}</p>
<dl><dt>${t.merchant}</dt><dd>${MERCHANT}</dd>
<dt>${t.purpose}</dt><dd>${escapeHtml(p.description)}</dd>
<dt>${t.order}</dt><dd>№ ${p.orderNumber}</dd>
<dt>${t.amount}</dt><dd class="amount">${formatMoney(p.amountTiyn, locale)}</dd></dl>
<form method="post" action="${SANDBOX_PAGE_PATH}/${p.ref}?lang=${locale}">
<label for="card">${t.card}</label>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number" maxlength="23" value="${escapeHtml(card)}"${
      error ? ' aria-invalid="true" aria-describedby="card-error"' : ''
    }>
${error ? `<p id="card-error" class="error" role="alert">${error}</p>` : ''}
<div class="buttons"><button class="pay" name="action" value="pay">${t.pay}</button>
<button class="decline" name="action" value="decline">${t.decline}</button></div>
</form>
<p><small>${t.cards}: ${spaced(TEST_CARDS.success)} — ${t.cardOk}; ${spaced(TEST_CARDS.declined)} — ${t.cardDeclined}; ${spaced(
      TEST_CARDS.insufficientFunds,
    )} — ${t.cardFunds}.</small></p>`,
    `№ ${p.orderNumber}`,
  );
}

function outcomePage(locale: Locale, p: PspPayment): string {
  const t = TEXTS[locale];
  const said = p.status === 'pending' ? '' : t[p.status];
  return page(
    locale,
    `<h1>${t.title}</h1><p role="status">${said}</p><p><a href="${escapeHtml(p.returnUrl)}">${t.back}</a></p>`,
    `№ ${p.orderNumber}`,
  );
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    )
    .type('text/html; charset=utf-8')
    .send(html);
}

export async function sandboxPageRoutes(app: FastifyInstance, sandbox: SandboxProvider): Promise<void> {
  const localeOf = (query: unknown, acceptLanguage: string | undefined): Locale => {
    const lang = (query as { lang?: unknown }).lang;
    return isLocale(lang) ? lang : negotiateLocale(acceptLanguage);
  };

  await app.register(async (psp) => {
    // The hosted page posts a plain HTML form; only this page reads that format.
    psp.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    psp.get<{ Params: { ref: string } }>(
      `${SANDBOX_PAGE_PATH}/:ref`,
      { schema: { hide: true } },
      async (req, reply) => {
        const locale = localeOf(req.query, req.headers['accept-language']);
        const payment = REF.test(req.params.ref) ? await sandbox.find(req.params.ref) : undefined;
        if (!payment) return send(reply, 404, page(locale, `<p>${TEXTS[locale].notFound}</p>`, '404'));
        return send(
          reply,
          200,
          payment.status === 'pending' ? paymentForm(locale, payment) : outcomePage(locale, payment),
        );
      },
    );

    psp.post<{ Params: { ref: string } }>(
      `${SANDBOX_PAGE_PATH}/:ref`,
      { schema: { hide: true } },
      async (req, reply) => {
        const locale = localeOf(req.query, req.headers['accept-language']);
        const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
          string,
          unknown
        >;
        const action = form.action === 'decline' ? 'decline' : 'pay';
        const card = typeof form.card === 'string' ? form.card.slice(0, 40) : '';
        const result = REF.test(req.params.ref)
          ? await sandbox.submit(req.params.ref, { action, card })
          : ({ ok: false, reason: 'not_found' } as const);
        if (!result.ok && result.reason === 'not_found')
          return send(reply, 404, page(locale, `<p>${TEXTS[locale].notFound}</p>`, '404'));
        if (!result.ok) {
          const payment = await sandbox.find(req.params.ref);
          if (!payment) return send(reply, 404, page(locale, `<p>${TEXTS[locale].notFound}</p>`, '404'));
          return send(reply, 400, paymentForm(locale, payment, TEXTS[locale].invalidCard, card));
        }
        // Back to the merchant, as every hosted page does once the buyer has answered.
        return reply.status(303).header('location', result.payment.returnUrl).send();
      },
    );
  });
}
