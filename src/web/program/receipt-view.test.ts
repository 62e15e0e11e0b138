import { describe, expect, it } from 'vitest';
import type { ReceiptDto } from '../../common/api/reports.ts';
import {
  exchangeOf,
  fiscalOf,
  hasReceipt,
  isReceiptKind,
  methodKey,
  paymentsOf,
  receiptDate,
  sellerLegal,
  vatRate,
} from './receipt-view.ts';

const base: ReceiptDto = {
  orderId: '00000000-0000-4000-8000-000000000001',
  orderNumber: 7,
  hub: {
    slug: 'astana',
    name: { en: 'ÓzgeEpic Astana' },
    city: { en: 'Astana' },
    timeZone: 'Asia/Almaty',
    legal: null,
  },
  status: 'paid',
  locale: 'en',
  currency: 'KZT',
  createdAt: '2026-03-01T10:00:00.000Z',
  paidAt: '2026-03-01T10:01:00.000Z',
  refundedAt: null,
  lines: [],
  vatSummary: [],
  totals: { amountTiyn: 500_000, vatTiyn: 68_966, netTiyn: 431_034 },
  payments: [{ provider: 'desk', method: 'cash', amountTiyn: 500_000, status: 'succeeded' }],
  fiscal: [
    {
      kind: 'sale',
      provider: 'local',
      number: '12',
      fiscalSign: 'ABC',
      checkUrl: null,
      issuedAt: '2026-03-01T10:01:05.000Z',
    },
  ],
};

describe('the printable receipt', () => {
  it('has a sale receipt once paid, and a return receipt only after money went back', () => {
    expect(hasReceipt(base, 'sale')).toBe(true);
    expect(hasReceipt(base, 'refund')).toBe(false);
    expect(hasReceipt({ ...base, status: 'pending_payment', paidAt: null, payments: [] }, 'sale')).toBe(
      false,
    );
    const refunded: ReceiptDto = {
      ...base,
      status: 'refunded',
      refundedAt: '2026-03-02T09:00:00.000Z',
      payments: [{ ...base.payments[0], status: 'refunded' } as ReceiptDto['payments'][number]],
    };
    expect(hasReceipt(refunded, 'refund')).toBe(true);
    expect(receiptDate(refunded, 'refund')).toBe('2026-03-02T09:00:00.000Z');
    expect(paymentsOf(refunded, 'refund')).toHaveLength(1);
  });

  it('gives a late payment returned automatically both receipts, though the order expired unpaid', () => {
    const late: ReceiptDto = {
      ...base,
      status: 'expired',
      paidAt: null,
      refundedAt: '2026-03-01T10:30:00.000Z',
      payments: [{ provider: 'sandbox', method: 'card', amountTiyn: 500_000, status: 'refunded' }],
      fiscal: [
        { ...(base.fiscal[0] as ReceiptDto['fiscal'][number]), issuedAt: '2026-03-01T10:29:00.000Z' },
        { ...(base.fiscal[0] as ReceiptDto['fiscal'][number]), kind: 'refund', number: '13' },
      ],
    };
    expect(hasReceipt(late, 'sale')).toBe(true);
    expect(hasReceipt(late, 'refund')).toBe(true);
    // No paid time: the sale is dated by its fiscal receipt.
    expect(receiptDate(late, 'sale')).toBe('2026-03-01T10:29:00.000Z');
    expect(fiscalOf(late, 'refund')?.number).toBe('13');
    expect(paymentsOf(late, 'sale')).toHaveLength(1);
  });

  it('names how the money moved and the VAT rate', () => {
    expect(methodKey({ provider: 'desk', method: 'cash' })).toBe('receipt.method.cash');
    expect(methodKey({ provider: 'desk', method: 'card' })).toBe('receipt.method.card');
    expect(methodKey({ provider: 'sandbox', method: 'card' })).toBe('receipt.method.online');
    expect(methodKey({ provider: 'complimentary', method: 'cash' })).toBe('receipt.method.complimentary');
    expect(methodKey({ provider: 'voucher', method: 'voucher' })).toBe('receipt.method.voucher');
    expect(vatRate(1600)).toBe('16%');
    expect(vatRate(1250)).toBe('12.5%');
    expect(vatRate(0)).toBeUndefined();
  });

  it('names the seller in law in the receipt’s language, and what it is for VAT', () => {
    expect(sellerLegal(base, 'en')).toBeNull();
    const legal = {
      name: { kk: '«ÓzgeEpic» ЖШС', ru: 'ТОО «ÓzgeEpic»' },
      bin: '190340018723',
      address: { ru: 'г. Астана, проспект Кабанбай батыра, 17' },
      vatPayer: true,
      vatCertificate: { series: '62001', number: '0047718' },
    };
    const r: ReceiptDto = { ...base, hub: { ...base.hub, legal } };
    expect(sellerLegal(r, 'kk')).toEqual({
      name: '«ÓzgeEpic» ЖШС',
      bin: '190340018723',
      address: 'г. Астана, проспект Кабанбай батыра, 17',
      vat: { key: 'receipt.vatCertificate', params: { series: '62001', number: '0047718' } },
    });
    expect(sellerLegal(r, 'ru')?.name).toBe('ТОО «ÓzgeEpic»');
    const noCertificate = { ...r, hub: { ...r.hub, legal: { ...legal, vatCertificate: null } } };
    expect(sellerLegal(noCertificate, 'en')?.vat).toEqual({ key: 'receipt.vatPayer' });
    const notPayer = { ...r, hub: { ...r.hub, legal: { ...legal, vatPayer: false, vatCertificate: null } } };
    expect(sellerLegal(notPayer, 'en')?.vat).toEqual({ key: 'receipt.notVatPayer' });
  });

  it("finds an exchange's receipt, with its own fiscal receipts apart from the order's", () => {
    const sale = base.fiscal[0] as ReceiptDto['fiscal'][number];
    const exchanged: ReceiptDto = {
      ...base,
      exchanges: [
        {
          id: 'x1',
          at: '2026-03-02T10:00:00.000Z',
          returnedTiyn: 300_000,
          issuedTiyn: 500_000,
          differenceTiyn: 200_000,
          method: 'card',
          returnedLines: [],
          issuedLines: [],
          fiscal: [
            { ...sale, kind: 'refund', number: '20' },
            { ...sale, number: '21' },
          ],
        },
      ],
    };
    expect(isReceiptKind('exchange')).toBe(true);
    const x = exchangeOf(exchanged, 'x1');
    expect(x && fiscalOf(x, 'refund')?.number).toBe('20');
    expect(x && fiscalOf(x, 'sale')?.number).toBe('21');
    expect(fiscalOf(exchanged, 'refund')).toBeUndefined();
    expect(exchangeOf(exchanged, 'x2')).toBeUndefined();
  });
});
