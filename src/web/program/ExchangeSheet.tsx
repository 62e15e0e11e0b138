// The printed receipt of an exchange at the desk: the tickets given back with their fiscal
// refund receipt, the tickets issued instead with their fiscal sale receipt, and the difference
// paid or handed back. What the tickets given back were worth is set off against the new ones;
// only the difference is money.
import type { ReceiptDto } from '../../common/api/reports.ts';
import { localize } from '../../common/content.ts';
import { htmlLang, type Locale } from '../../common/locales.ts';
import { FiscalBlock, ReceiptLines, receiptWords } from './receipt-parts.tsx';
import { exchangeOf, fiscalOf } from './receipt-view.ts';

export function ExchangeSheet({
  receipt: r,
  exchangeId,
  lang,
  sheetRef,
}: {
  receipt: ReceiptDto;
  exchangeId: string;
  lang: Locale;
  sheetRef: React.RefObject<HTMLElement | null>;
}) {
  const x = exchangeOf(r, exchangeId);
  const words = receiptWords(lang, r.hub.timeZone);
  const { tr, money, when } = words;
  if (!x) return null;
  const setOff = Math.min(x.returnedTiyn, x.issuedTiyn);
  const method = tr(x.method === 'card' ? 'receipt.method.card' : 'receipt.method.cash');
  const vatOf = (lines: ReceiptDto['lines']) => lines.reduce((n, l) => n + l.vatTiyn, 0);

  const part = (
    which: 'returned' | 'issued',
    lines: ReceiptDto['lines'],
    amount: number,
    fiscal: ReturnType<typeof fiscalOf>,
  ) => (
    <section className="receipt-part" data-testid={`exchange-${which}`}>
      <h2>{tr(which === 'returned' ? 'receipt.exchange.returned' : 'receipt.exchange.issued')}</h2>
      <ReceiptLines lines={lines} words={words} testId={`exchange-${which}-lines`} />
      <dl className="receipt-totals">
        <div className="receipt-total">
          <dt>{tr(which === 'returned' ? 'receipt.totalRefund' : 'receipt.total')}</dt>
          <dd>{money(amount)}</dd>
        </div>
        <div>
          <dt>{tr('receipt.vatIncluded')}</dt>
          <dd>{money(vatOf(lines))}</dd>
        </div>
      </dl>
      {/* Free tickets take no money, so they have no fiscal receipt. */}
      {(amount > 0 || fiscal) && (
        <FiscalBlock fiscal={fiscal} words={words} testId={`exchange-${which}-fiscal`} />
      )}
    </section>
  );

  return (
    <article
      ref={sheetRef}
      className="receipt-sheet"
      lang={htmlLang(lang)}
      data-testid="receipt-sheet"
      data-kind="exchange"
    >
      <header className="receipt-head">
        <p className="receipt-seller" data-testid="receipt-seller">
          {localize(r.hub.name, lang)}
        </p>
        <p className="receipt-city">{localize(r.hub.city, lang)}</p>
        <h1>{tr('receipt.titleExchange')}</h1>
        <p className="receipt-meta">
          <span>{tr('receipt.order', { number: r.orderNumber })}</span>
          <span data-testid="receipt-date">{tr('receipt.exchangedAt', { when: when(x.at) })}</span>
        </p>
      </header>
      {part('returned', x.returnedLines, x.returnedTiyn, fiscalOf(x, 'refund'))}
      {part('issued', x.issuedLines, x.issuedTiyn, fiscalOf(x, 'sale'))}
      <dl className="receipt-payments receipt-settlement" data-testid="exchange-settlement">
        {setOff > 0 && (
          <div>
            <dt>{tr('receipt.exchange.setOff')}</dt>
            <dd>{money(setOff)}</dd>
          </div>
        )}
        <div className="receipt-total">
          <dt>
            {tr(
              x.differenceTiyn > 0
                ? 'receipt.exchange.paid'
                : x.differenceTiyn < 0
                  ? 'receipt.exchange.handedBack'
                  : 'receipt.exchange.even',
            )}
          </dt>
          <dd>{x.differenceTiyn === 0 ? money(0) : `${method} · ${money(Math.abs(x.differenceTiyn))}`}</dd>
        </div>
      </dl>
      <p className="receipt-thanks">{tr('receipt.thanks')}</p>
    </article>
  );
}
