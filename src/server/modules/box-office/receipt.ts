// One order seen whole: its lines with the event, date, space and seat behind each, for the
// receipt (JSON, shaped for a fiscal provider), the fiscal request itself and the ticket PDF.
import type { OrderDto } from '../../../common/api/box-office.ts';
import type { ReceiptDto } from '../../../common/api/reports.ts';
import type { HubDto } from '../../../common/api/schemas.ts';
import { type LocalizedText, localize } from '../../../common/content.ts';
import { formatDateTime } from '../../../common/format.ts';
import { linesInForce } from '../../../common/lines-in-force.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { seatPlaceText } from '../../../common/seat-place.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { FiscalReceiptRequest } from '../../platform/fiscal/provider.ts';
import { getHubById } from '../hubs/service.ts';
import { performanceLabels } from '../program/service.ts';
import { getOrder } from './orders.ts';
import type { TicketPdfData } from './ticket-pdf.ts';
import type { TicketSigner } from './ticket-signing.ts';

export interface OrderView {
  order: OrderDto & { userId: string | null };
  hub: HubDto;
  /** the language the buyer ordered in */
  locale: Locale;
  eventTitles: LocalizedText[];
  receipt(locale: Locale): Promise<ReceiptDto>;
  /** The receipt's lines alone, without reading its fiscal receipts. */
  receiptLines(locale: Locale): ReceiptDto['lines'];
  ticketPdf(locale: Locale): TicketPdfData;
}

/** The seller part of a receipt: the hub, and who runs it in law (null until entered). */
export function receiptSeller(hub: HubDto): ReceiptDto['hub'] {
  return { slug: hub.slug, name: hub.name, city: hub.city, timeZone: hub.timeZone, legal: hub.legal };
}

export async function loadOrderView(
  q: Queryable,
  hubId: string,
  orderId: string,
  signer: TicketSigner,
): Promise<OrderView> {
  const order = await getOrder(q, hubId, orderId, signer);
  const hub = await getHubById(q, hubId);
  const locale: Locale = isLocale(order.locale) ? order.locale : 'kk';
  const perfIds = [...new Set(order.lines.map((l) => l.performanceId))];
  const perfs = new Map((await performanceLabels(q, perfIds)).map((p) => [p.id, p]));
  const perfOf = (id: string) => {
    const p = perfs.get(id);
    if (!p) throw new Error(`Order ${order.number} refers to a performance that is gone`);
    return p;
  };
  const describe = (line: OrderDto['lines'][number], l: Locale) => {
    const p = perfOf(line.performanceId);
    const where = line.seat ? `, ${seatPlaceText(l, line.seat)}` : '';
    return `${localize(p.eventTitle, l)}, ${formatDateTime(new Date(p.startsAt), l, hub.timeZone, 'short', 'short')} — ${localize(line.categoryName, l) || line.category}${where}`;
  };

  // Lines given back in an exchange are no longer part of the order; the payments show the difference.
  const receiptLines = (l: Locale) =>
    linesInForce(order).map((line) => ({
      lineId: line.id,
      description: describe(line, l),
      performanceId: line.performanceId,
      startsAt: perfOf(line.performanceId).startsAt,
      seatId: line.seatId,
      category: line.category,
      quantity: 1,
      unitPriceTiyn: line.unitPriceTiyn,
      amountTiyn: line.unitPriceTiyn,
      vatRateBp: line.vatRateBp,
      vatTiyn: line.vatTiyn,
      complimentary: line.complimentary,
    }));

  return {
    order,
    hub,
    locale,
    eventTitles: perfIds.map((id) => perfOf(id).eventTitle),
    receiptLines,
    async receipt(l) {
      const lines = receiptLines(l);
      // Read only here: the fiscal request and the tickets do not show them.
      const fiscal = await q.query<{
        kind: 'sale' | 'refund';
        provider: string;
        number: string;
        fiscalSign: string;
        checkUrl: string | null;
        issuedAt: Date;
      }>(
        `select kind, provider, number, fiscal_sign as "fiscalSign", check_url as "checkUrl", issued_at as "issuedAt"
           from fiscal_receipts where order_id = $1 order by issued_at`,
        [orderId],
      );
      const exchanges = await q.query<{
        at: Date;
        returnedTiyn: number | string;
        issuedTiyn: number | string;
        differenceTiyn: number | string;
        method: string | null;
      }>(
        `select created_at as at, returned_tiyn as "returnedTiyn", issued_tiyn as "issuedTiyn", difference_tiyn as "differenceTiyn", method
           from order_exchanges where order_id = $1 order by created_at`,
        [orderId],
      );
      const [refund] = await q.query<{ at: Date | null }>(
        `select max(updated_at) as at from payments where order_id = $1 and status = 'refunded'`,
        [orderId],
      );
      const byRate = new Map<number, { vatRateBp: number; amountTiyn: number; vatTiyn: number }>();
      for (const line of lines) {
        const r = byRate.get(line.vatRateBp) ?? { vatRateBp: line.vatRateBp, amountTiyn: 0, vatTiyn: 0 };
        r.amountTiyn += line.amountTiyn;
        r.vatTiyn += line.vatTiyn;
        byRate.set(line.vatRateBp, r);
      }
      return {
        orderId: order.id,
        orderNumber: order.number,
        hub: receiptSeller(hub),
        status: order.status,
        locale: l,
        currency: 'KZT' as const,
        createdAt: order.createdAt,
        paidAt: order.paidAt,
        refundedAt: refund?.at ? new Date(refund.at).toISOString() : null,
        lines,
        vatSummary: [...byRate.values()].sort((a, b) => b.vatRateBp - a.vatRateBp),
        totals: {
          amountTiyn: order.totalTiyn,
          vatTiyn: order.vatTiyn,
          netTiyn: order.totalTiyn - order.vatTiyn,
        },
        payments: order.payments.map((p) => ({
          provider: p.provider,
          method: p.method,
          amountTiyn: p.amountTiyn,
          status: p.status,
        })),
        fiscal: fiscal.map((f) => ({ ...f, issuedAt: new Date(f.issuedAt).toISOString() })),
        ...(exchanges.length
          ? {
              exchanges: exchanges.map((x) => ({
                at: new Date(x.at).toISOString(),
                returnedTiyn: Number(x.returnedTiyn),
                issuedTiyn: Number(x.issuedTiyn),
                differenceTiyn: Number(x.differenceTiyn),
                method: x.method,
              })),
            }
          : {}),
      };
    },
    ticketPdf(l) {
      const lineById = new Map(order.lines.map((line) => [line.id, line]));
      return {
        locale: l,
        timeZone: hub.timeZone,
        hubName: hub.name,
        orderNumber: order.number,
        tickets: order.tickets
          .filter((t) => t.status === 'valid')
          .map((t) => {
            const line = lineById.get(t.lineId);
            if (!line) throw new Error(`Ticket ${t.id} has no order line`);
            const p = perfOf(t.performanceId);
            return {
              id: t.id,
              eventTitle: p.eventTitle,
              startsAt: p.startsAt,
              endsAt: p.endsAt,
              spaceName: p.spaceName,
              seat: line.seat,
              areaName: p.areas.find((a) => a.id === line.areaId)?.name ?? null,
              categoryName: line.categoryName,
              priceTiyn: line.unitPriceTiyn,
              vatRateBp: line.vatRateBp,
              vatTiyn: line.vatTiyn,
              complimentary: line.complimentary,
              qr: t.qr,
            };
          }),
      };
    },
  };
}

/** The receipt as a fiscal provider takes it: positions with VAT, and how it was paid. */
export function fiscalRequest(
  view: OrderView,
  externalId: string,
  operation: 'sale' | 'refund',
): FiscalReceiptRequest {
  const lines = view.receiptLines(view.locale);
  // Per method, net of an exchange's difference handed back (a negative desk payment).
  const byMethod = new Map<'cash' | 'card' | 'voucher', number>();
  for (const p of view.order.payments)
    if (p.status === 'succeeded' || p.status === 'refunded') {
      const method = p.provider === 'voucher' ? 'voucher' : p.method === 'cash' ? 'cash' : 'card';
      byMethod.set(method, (byMethod.get(method) ?? 0) + p.amountTiyn);
    }
  const paid = [...byMethod].flatMap(([method, amountTiyn]) =>
    amountTiyn > 0 ? [{ method, amountTiyn }] : [],
  );
  return {
    externalId,
    hubId: view.hub.id,
    operation,
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
    payments: paid,
    totalTiyn: view.order.totalTiyn,
    vatTiyn: view.order.vatTiyn,
    buyerEmail: view.order.buyerEmail,
  };
}
