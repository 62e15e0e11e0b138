// The printable receipt of an order (/orders/:id/receipt?hub=<slug>), or its return receipt
// (&kind=refund): the seller, the lines with VAT rate and amount, totals, how it was paid and
// the fiscal receipt, on an A4 sheet or an 80 mm roll (&paper=80mm). It is a page of its own
// with no site navigation, so what prints is the receipt; the toolbar above it never prints.
// The receipt is in the reader's language unless &lang= asks for another (the desk can print
// it in the visitor's language without switching its own).
import { useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ReceiptDto } from '../../common/api/reports.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { type MessageKey, type MessageParams, t as translate } from '../../common/i18n/index.ts';
import { htmlLang, isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../common/locales.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { QrCode } from './QrCode.tsx';
import {
  fiscalOf,
  hasReceipt,
  isPaper,
  isReceiptKind,
  methodKey,
  type Paper,
  paymentsOf,
  type ReceiptKind,
  receiptDate,
  sellerLegal,
  vatRate,
} from './receipt-view.ts';
import { hubPath } from './shared.ts';
import './receipt.css';

const MM = 96 / 25.4; // CSS pixels per millimetre

export function ReceiptPage() {
  const { orderId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { locale: uiLocale, t: ui } = useI18n();
  const hubSlug = params.get('hub') ?? '';
  const kindParam = params.get('kind');
  const kind: ReceiptKind = isReceiptKind(kindParam) ? kindParam : 'sale';
  const paperParam = params.get('paper');
  const paper: Paper = isPaper(paperParam) ? paperParam : 'a4';
  const langParam = params.get('lang');
  const lang: Locale = isLocale(langParam) ? langParam : uiLocale;
  const receipt = useApi<ReceiptDto>(
    hubSlug ? `${hubPath(hubSlug)}/orders/${encodeURIComponent(orderId)}/receipt?lang=${lang}` : null,
  );
  const r = receipt.data;
  usePageTitle(r ? ui('receipt.pageTitle', { number: r.orderNumber }) : undefined);

  // A roll is as long as its receipt: the page height follows the sheet.
  const sheet = useRef<HTMLElement>(null);
  const [rollMm, setRollMm] = useState(200);
  useLayoutEffect(() => {
    if (paper !== '80mm' || !sheet.current) return;
    setRollMm(Math.ceil(sheet.current.scrollHeight / MM) + 12);
  });

  const choose = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  if (!hubSlug || (receipt.error instanceof ApiError && receipt.error.status === 404)) return <NotFound />;

  return (
    <div className={`receipt-page receipt-paper-${paper}`}>
      <style>
        {paper === '80mm'
          ? `@page { size: 80mm ${rollMm}mm; margin: 3mm; }`
          : '@page { size: A4; margin: 14mm 16mm; }'}
      </style>
      <nav className="receipt-toolbar" aria-label={ui('receipt.toolbar')} data-testid="receipt-toolbar">
        <Link to={`/orders/${encodeURIComponent(orderId)}?hub=${encodeURIComponent(hubSlug)}`}>
          {ui('receipt.back')}
        </Link>
        <button type="button" className="button" onClick={() => window.print()} data-testid="receipt-print">
          {ui('receipt.print')}
        </button>
        <fieldset className="receipt-choice">
          <legend>{ui('receipt.paper')}</legend>
          {(['a4', '80mm'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={p === paper}
              onClick={() => choose('paper', p)}
              data-paper={p}
            >
              {ui(p === 'a4' ? 'receipt.paperA4' : 'receipt.paper80')}
            </button>
          ))}
        </fieldset>
        <fieldset className="receipt-choice">
          <legend>{ui('receipt.language')}</legend>
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              lang={htmlLang(l)}
              aria-pressed={l === lang}
              onClick={() => choose('lang', l)}
              data-locale={l}
            >
              {LOCALE_NAMES[l]}
            </button>
          ))}
        </fieldset>
      </nav>
      <main id="main" className="receipt-main">
        {receipt.error && !r ? (
          <ErrorNote error={receipt.error} onRetry={receipt.reload} />
        ) : !r ? (
          <Loading />
        ) : !hasReceipt(r, kind) ? (
          <p className="alert alert-info" role="status" data-testid="receipt-none">
            {ui(kind === 'sale' ? 'receipt.notPaid' : 'receipt.notRefunded')}
          </p>
        ) : (
          <Sheet receipt={r} kind={kind} lang={lang} sheetRef={sheet} />
        )}
      </main>
    </div>
  );
}

function Sheet({
  receipt: r,
  kind,
  lang,
  sheetRef,
}: {
  receipt: ReceiptDto;
  kind: ReceiptKind;
  lang: Locale;
  sheetRef: React.RefObject<HTMLElement | null>;
}) {
  const tr = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
  const money = (tiyn: number) => formatMoney(tiyn, lang);
  const when = (iso: string) => formatDateTime(new Date(iso), lang, r.hub.timeZone, 'medium', 'short');
  const date = receiptDate(r, kind);
  const fiscal = fiscalOf(r, kind);
  const rate = (bp: number) => vatRate(bp) ?? tr('receipt.noVat');
  const legal = sellerLegal(r, lang);

  return (
    <article
      ref={sheetRef}
      className="receipt-sheet"
      lang={htmlLang(lang)}
      data-testid="receipt-sheet"
      data-kind={kind}
    >
      <header className="receipt-head">
        <p className="receipt-seller" data-testid="receipt-seller">
          {localize(r.hub.name, lang)}
        </p>
        {/* The seller in law, as a fiscal receipt names it; the city alone until it is entered. */}
        {legal ? (
          <div className="receipt-legal" data-testid="receipt-legal">
            <p>{legal.name}</p>
            <p data-testid="receipt-bin">{tr('receipt.bin', { bin: legal.bin })}</p>
            <p>{legal.address}</p>
            <p data-testid="receipt-vat">{tr(legal.vat.key, legal.vat.params)}</p>
          </div>
        ) : (
          <p className="receipt-city">{localize(r.hub.city, lang)}</p>
        )}
        <h1>{tr(kind === 'sale' ? 'receipt.title' : 'receipt.titleRefund')}</h1>
        <p className="receipt-meta">
          <span>{tr('receipt.order', { number: r.orderNumber })}</span>
          {date && (
            <span data-testid="receipt-date">
              {tr(kind === 'sale' ? 'receipt.paidAt' : 'receipt.refundedAt', { when: when(date) })}
            </span>
          )}
        </p>
      </header>

      {/* Each line: what it is across the sheet, then its figures under the column heads, as
          a receipt printer prints them; the same on A4, an 80 mm roll and a phone. */}
      <table className="receipt-lines" data-testid="receipt-lines">
        <caption className="visually-hidden">{tr('receipt.lines')}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {tr('receipt.col.qty')}
            </th>
            <th scope="col" className="num">
              {tr('receipt.col.price')}
            </th>
            <th scope="col" className="num">
              {tr('receipt.col.vatRate')}
            </th>
            <th scope="col" className="num">
              {tr('receipt.col.vat')}
            </th>
            <th scope="col" className="num">
              {tr('receipt.col.amount')}
            </th>
          </tr>
        </thead>
        {r.lines.map((l) => (
          <tbody key={l.lineId} data-testid="receipt-line">
            <tr>
              <th scope="rowgroup" colSpan={5} className="receipt-item">
                {l.description}
              </th>
            </tr>
            <tr>
              <td className="num">{l.quantity}</td>
              <td className="num">{l.complimentary ? tr('receipt.free') : money(l.unitPriceTiyn)}</td>
              <td className="num">{rate(l.vatRateBp)}</td>
              <td className="num">{money(l.vatTiyn)}</td>
              <td className="num">{money(l.amountTiyn)}</td>
            </tr>
          </tbody>
        ))}
      </table>

      <dl className="receipt-totals" data-testid="receipt-totals">
        <div className="receipt-total">
          <dt>{tr(kind === 'sale' ? 'receipt.total' : 'receipt.totalRefund')}</dt>
          <dd>{money(r.totals.amountTiyn)}</dd>
        </div>
        <div>
          <dt>{tr('receipt.vatIncluded')}</dt>
          <dd>{money(r.totals.vatTiyn)}</dd>
        </div>
        <div>
          <dt>{tr('receipt.net')}</dt>
          <dd>{money(r.totals.netTiyn)}</dd>
        </div>
      </dl>
      {r.vatSummary.length > 1 && (
        <ul className="receipt-vat-rates">
          {r.vatSummary.map((v) => (
            <li key={v.vatRateBp}>
              {tr('receipt.vatSummary', {
                rate: rate(v.vatRateBp),
                vat: money(v.vatTiyn),
                amount: money(v.amountTiyn),
              })}
            </li>
          ))}
        </ul>
      )}

      <dl className="receipt-payments" data-testid="receipt-payments">
        {paymentsOf(r, kind).map((p) => (
          <div key={`${p.provider}-${p.method}-${p.status}-${p.amountTiyn}`}>
            <dt>{tr(kind === 'sale' ? 'receipt.payment' : 'receipt.refundTo')}</dt>
            <dd>
              {tr(methodKey(p))} · {money(p.amountTiyn)}
            </dd>
          </div>
        ))}
      </dl>

      {/* Free tickets take no money, so they have no fiscal receipt. */}
      {(r.totals.amountTiyn > 0 || fiscal) && (
        <section className="receipt-fiscal" data-testid="receipt-fiscal">
          {fiscal ? (
            <>
              <div>
                <p>
                  <strong>{tr('receipt.fiscal', { number: fiscal.number })}</strong>
                </p>
                <p>{tr('receipt.fiscalSign', { sign: fiscal.fiscalSign })}</p>
                <p>{tr('receipt.fiscalIssued', { when: when(fiscal.issuedAt) })}</p>
                {fiscal.checkUrl ? (
                  <p>
                    <a href={fiscal.checkUrl} rel="noopener noreferrer">
                      {tr('receipt.fiscalCheck')}
                    </a>
                    <span className="receipt-url"> {fiscal.checkUrl}</span>
                  </p>
                ) : fiscal.provider === 'local' ? (
                  <p className="receipt-note">{tr('receipt.localRegister')}</p>
                ) : null}
              </div>
              {fiscal.checkUrl && <QrCode value={fiscal.checkUrl} label={tr('receipt.fiscalQr')} size={96} />}
            </>
          ) : (
            <p className="receipt-note">{tr('receipt.fiscalPending')}</p>
          )}
        </section>
      )}
      {kind === 'sale' && <p className="receipt-thanks">{tr('receipt.thanks')}</p>}
    </article>
  );
}
