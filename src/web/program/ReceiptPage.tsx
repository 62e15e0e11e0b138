// The printable receipt of an order (/orders/:id/receipt?hub=<slug>), its return receipt
// (&kind=refund) or the receipt of one of its exchanges (&kind=exchange&exchange=<id>): the
// seller, the lines with VAT rate and amount, totals, how it was paid and the fiscal receipt,
// on an A4 sheet or an 80 mm roll (&paper=80mm). It is a page of its own
// with no site navigation, so what prints is the receipt; the toolbar above it never prints.
// The receipt is in the reader's language unless &lang= asks for another (the desk can print
// it in the visitor's language without switching its own).
import { useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ReceiptDto } from '../../common/api/reports.ts';
import { localize } from '../../common/content.ts';
import { htmlLang, isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../common/locales.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { ExchangeSheet } from './ExchangeSheet.tsx';
import { FiscalBlock, ReceiptLines, receiptWords } from './receipt-parts.tsx';
import {
  exchangeOf,
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
  const exchangeId = params.get('exchange') ?? '';
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
        ) : kind === 'exchange' ? (
          exchangeOf(r, exchangeId) ? (
            <ExchangeSheet receipt={r} exchangeId={exchangeId} lang={lang} sheetRef={sheet} />
          ) : (
            <p className="alert alert-info" role="status" data-testid="receipt-none">
              {ui('receipt.notExchanged')}
            </p>
          )
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
  kind: 'sale' | 'refund';
  lang: Locale;
  sheetRef: React.RefObject<HTMLElement | null>;
}) {
  const words = receiptWords(lang, r.hub.timeZone);
  const { tr, money, when, rate } = words;
  const date = receiptDate(r, kind);
  const fiscal = fiscalOf(r, kind);
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

      <ReceiptLines lines={r.lines} words={words} />

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

      {/* The lines above are those in force; the fiscal sale receipt is of the sale as first made. */}
      {kind === 'sale' && r.exchanges?.length ? (
        <p className="receipt-note" data-testid="receipt-exchanged">
          {tr('receipt.exchangedSince')}
        </p>
      ) : null}
      {/* Free tickets take no money, so they have no fiscal receipt. */}
      {(r.totals.amountTiyn > 0 || fiscal) && <FiscalBlock fiscal={fiscal} words={words} />}
      {kind === 'sale' && <p className="receipt-thanks">{tr('receipt.thanks')}</p>}
    </article>
  );
}
