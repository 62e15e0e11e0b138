// What the printable receipt shows, worked out from the receipt JSON without React: the
// seller's legal lines, whether the sale or the return receipt exists, its date, its fiscal receipt, how the money moved.
import type { ReceiptDto } from '../../common/api/reports.ts';
import { localize } from '../../common/content.ts';
import type { MessageKey } from '../../common/i18n/index.ts';
import type { Locale } from '../../common/locales.ts';

export type ReceiptKind = 'sale' | 'refund' | 'exchange';
export type Paper = 'a4' | '80mm';

export const isReceiptKind = (x: unknown): x is ReceiptKind =>
  x === 'sale' || x === 'refund' || x === 'exchange';
export const isPaper = (x: unknown): x is Paper => x === 'a4' || x === '80mm';

const MONEY_MOVED = new Set(['succeeded', 'refunded']);

type Exchange = NonNullable<ReceiptDto['exchanges']>[number];

/** A sale receipt once the order was paid; a return receipt once money (or the tickets) went back. */
export function hasReceipt(r: ReceiptDto, kind: 'sale' | 'refund'): boolean {
  if (kind === 'sale')
    return r.paidAt !== null || r.payments.some((p) => MONEY_MOVED.has(p.status) && p.amountTiyn > 0);
  return (
    r.status === 'refunded' ||
    r.refundedAt !== null ||
    r.fiscal.some((f) => f.kind === 'refund') ||
    r.payments.some((p) => p.status === 'refunded')
  );
}

/** The date printed on it: when paid (or first fiscalized), or when returned. */
export function receiptDate(r: ReceiptDto, kind: 'sale' | 'refund'): string | null {
  const fiscal = fiscalOf(r, kind);
  if (kind === 'sale') return r.paidAt ?? fiscal?.issuedAt ?? null;
  return r.refundedAt ?? fiscal?.issuedAt ?? null;
}

/** The order's own fiscal receipt of that kind (an exchange's are listed with the exchange). */
export function fiscalOf(
  r: Pick<ReceiptDto, 'fiscal'>,
  kind: 'sale' | 'refund',
): ReceiptDto['fiscal'][number] | undefined {
  return r.fiscal.find((f) => f.kind === kind);
}

export function exchangeOf(r: ReceiptDto, id: string): Exchange | undefined {
  return r.exchanges?.find((x) => x.id === id);
}

/** The payments the receipt is about: the money taken, or the money given back. */
export function paymentsOf(r: ReceiptDto, kind: 'sale' | 'refund'): ReceiptDto['payments'] {
  return r.payments.filter((p) =>
    kind === 'sale' ? MONEY_MOVED.has(p.status) || p.provider === 'complimentary' : p.status === 'refunded',
  );
}

/** How the money moved, in words a buyer knows. */
export function methodKey(p: { provider: string; method: string }): MessageKey {
  if (p.provider === 'complimentary') return 'receipt.method.complimentary';
  if (p.provider === 'voucher') return 'receipt.method.voucher';
  if (p.method === 'cash') return 'receipt.method.cash';
  return p.provider === 'desk' ? 'receipt.method.card' : 'receipt.method.online';
}

/** "16%", "12.5%"; a zero rate is "no VAT" in the reader's words (undefined here). */
export function vatRate(bp: number): string | undefined {
  if (bp === 0) return undefined;
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** The seller in law, in the receipt's language: null until the hub has entered its details. */
export function sellerLegal(
  r: ReceiptDto,
  lang: Locale,
): {
  name: string;
  bin: string;
  address: string;
  /** the line about VAT: the certificate, a VAT payer without one, or not a VAT payer */
  vat: { key: MessageKey; params?: { series: string; number: string } };
} | null {
  const legal = r.hub.legal;
  if (!legal) return null;
  const c = legal.vatCertificate;
  return {
    name: localize(legal.name, lang),
    bin: legal.bin,
    address: localize(legal.address, lang),
    vat: !legal.vatPayer
      ? { key: 'receipt.notVatPayer' }
      : c
        ? { key: 'receipt.vatCertificate', params: { series: c.series, number: c.number } }
        : { key: 'receipt.vatPayer' },
  };
}
