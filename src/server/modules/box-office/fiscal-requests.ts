// What the register is told about an order's money, as a fiscal provider takes it: positions
// with VAT, and how the money moved. Each receipt describes its own movement whenever it is
// issued, so a receipt delayed past a later exchange still says what it was about:
// - the order's sale: the lines as first sold and the payments of the sale;
// - an exchange's refund: the lines given back; its sale: the new lines. What the lines given
//   back were worth is set off against the new ones (`exchange`, no money moves); only the
//   difference is cash or card at the desk;
// - the order's refund: the lines in force and what the buyer had paid in all, per method.
// Sales minus refunds then equal, per method, the money the hub kept.
import type { OrderDto } from '../../../common/api/box-office.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { FiscalPayment, FiscalReceiptRequest } from '../../platform/fiscal/provider.ts';
import { exchangeMovements } from './exchanges.ts';
import type { OrderView } from './receipt.ts';

type Method = FiscalPayment['method'];

const methodOf = (p: OrderDto['payments'][number]): Method =>
  p.provider === 'voucher' ? 'voucher' : p.method === 'cash' ? 'cash' : 'card';

/**
 * Money per method, netted: a desk payment of an exchange's difference handed back is negative,
 * and comes off the other methods (money first, then the voucher's part) when its own is short.
 */
export function paymentsByMethod(payments: OrderDto['payments']): FiscalPayment[] {
  const sums = new Map<Method, number>();
  for (const p of payments)
    if (p.status === 'succeeded' || p.status === 'refunded')
      sums.set(methodOf(p), (sums.get(methodOf(p)) ?? 0) + p.amountTiyn);
  let owed = [...sums.values()].reduce((n, a) => n + (a < 0 ? -a : 0), 0);
  const order: Method[] = ['card', 'cash', 'voucher'];
  return order.flatMap((method) => {
    let amountTiyn = sums.get(method) ?? 0;
    if (amountTiyn <= 0) return [];
    const take = Math.min(owed, amountTiyn);
    owed -= take;
    amountTiyn -= take;
    return amountTiyn > 0 ? [{ method, amountTiyn }] : [];
  });
}

/** The receipt of an order's sale or refund, or of one of its exchanges. */
export async function orderFiscalRequest(
  q: Queryable,
  view: OrderView,
  receipt: { id: string; kind: 'sale' | 'refund'; exchangeId: string | null },
): Promise<FiscalReceiptRequest> {
  const { order } = view;
  const exchanged = order.tickets.some((t) => t.status === 'exchanged');
  const exchanges = exchanged || receipt.exchangeId ? await exchangeMovements(q, order.id) : [];
  let lines = view.receiptLines(view.locale);
  let payments: FiscalPayment[];
  if (receipt.exchangeId) {
    const x = exchanges.find((e) => e.id === receipt.exchangeId);
    if (!x) throw new Error(`Exchange ${receipt.exchangeId} is not one of order ${order.number}'s`);
    const ids = new Set(receipt.kind === 'refund' ? x.returnedLineIds : x.issuedLineIds);
    lines = view.allReceiptLines(view.locale).filter((l) => ids.has(l.lineId));
    const carried = Math.min(x.returnedTiyn, x.issuedTiyn);
    const settled = (receipt.kind === 'refund' ? x.returnedTiyn : x.issuedTiyn) - carried;
    payments = [
      { method: 'exchange' as const, amountTiyn: carried },
      { method: x.method ?? 'cash', amountTiyn: settled },
    ].filter((p) => p.amountTiyn > 0);
  } else if (receipt.kind === 'sale' && exchanges.length) {
    // As first sold: without the lines and the differences exchanges brought since.
    const broughtIn = new Set(exchanges.flatMap((x) => x.issuedLineIds));
    const differences = new Set(exchanges.map((x) => x.paymentId));
    lines = view.allReceiptLines(view.locale).filter((l) => !broughtIn.has(l.lineId));
    payments = paymentsByMethod(order.payments.filter((p) => !differences.has(p.id)));
  } else payments = paymentsByMethod(order.payments);
  return {
    externalId: receipt.id,
    hubId: view.hub.id,
    operation: receipt.kind,
    positions: lines
      .filter((l) => l.amountTiyn > 0)
      .map((l) => ({
        name: l.description,
        quantity: l.quantity,
        unitPriceTiyn: l.unitPriceTiyn,
        amountTiyn: l.amountTiyn,
        vatRateBp: l.vatRateBp,
        vatTiyn: l.vatTiyn,
      })),
    payments,
    totalTiyn: lines.reduce((n, l) => n + l.amountTiyn, 0),
    vatTiyn: lines.reduce((n, l) => n + l.vatTiyn, 0),
    buyerEmail: order.buyerEmail,
  };
}
