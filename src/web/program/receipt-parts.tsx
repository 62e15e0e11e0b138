// Pieces of a printed receipt shared by the sale and return receipt and the exchange receipt:
// the lines as a receipt printer prints them, and the fiscal receipt's block.
import type { ReceiptDto } from '../../common/api/reports.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { type MessageKey, type MessageParams, t as translate } from '../../common/i18n/index.ts';
import type { Locale } from '../../common/locales.ts';
import { QrCode } from './QrCode.tsx';
import { vatRate } from './receipt-view.ts';

/** The receipt's own language (it may differ from the reader's), its money and its times. */
export function receiptWords(lang: Locale, timeZone: string) {
  const tr = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
  return {
    tr,
    money: (tiyn: number) => formatMoney(tiyn, lang),
    when: (iso: string) => formatDateTime(new Date(iso), lang, timeZone, 'medium', 'short'),
    rate: (bp: number) => vatRate(bp) ?? tr('receipt.noVat'),
  };
}
type Words = ReturnType<typeof receiptWords>;

/** Each line: what it is across the sheet, then its figures under the column heads; the same on A4, an 80 mm roll and a phone. */
export function ReceiptLines({
  lines,
  words: { tr, money, rate },
  testId = 'receipt-lines',
}: {
  lines: ReceiptDto['lines'];
  words: Words;
  testId?: string;
}) {
  return (
    <table className="receipt-lines" data-testid={testId}>
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
      {lines.map((l) => (
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
  );
}

/** The fiscal receipt's number, sign, time and check link (with a QR code), or that it is on its way. */
export function FiscalBlock({
  fiscal,
  words: { tr, when },
  testId = 'receipt-fiscal',
}: {
  fiscal: ReceiptDto['fiscal'][number] | undefined;
  words: Words;
  testId?: string;
}) {
  return (
    <section className="receipt-fiscal" data-testid={testId}>
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
  );
}
