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
import { getHubById } from '../hubs/service.ts';
import { performanceLabels } from '../program/service.ts';
import { exchangeMovements } from './exchanges.ts';
import { issuedFiscalReceipts } from './fiscal.ts';
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
  /** Every line the order ever had, those given back in an exchange too (for fiscal receipts). */
  allReceiptLines(locale: Locale): ReceiptDto['lines'];
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

  const toReceiptLine = (l: Locale) => (line: OrderDto['lines'][number]) => ({
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
  });
  // Lines given back in an exchange are no longer part of the order; the payments show the difference.
  const receiptLines = (l: Locale) => linesInForce(order).map(toReceiptLine(l));
  const allReceiptLines = (l: Locale) => order.lines.map(toReceiptLine(l));

  return {
    order,
    hub,
    locale,
    eventTitles: perfIds.map((id) => perfOf(id).eventTitle),
    receiptLines,
    allReceiptLines,
    async receipt(l) {
      const lines = receiptLines(l);
      // Read only here: the fiscal request and the tickets do not show them.
      const fiscal = await issuedFiscalReceipts(q, { orderId });
      const exchanges = order.tickets.some((t) => t.status === 'exchanged')
        ? await exchangeMovements(q, orderId)
        : [];
      const everyLine = exchanges.length ? allReceiptLines(l) : [];
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
        // The order's own receipts; an exchange's are listed with it.
        fiscal: fiscal.flatMap(({ exchangeId, ...f }) => (exchangeId ? [] : [f])),
        ...(exchanges.length
          ? {
              exchanges: exchanges.map((x) => {
                const pick = (ids: string[]) => everyLine.filter((line) => ids.includes(line.lineId));
                return {
                  id: x.id,
                  at: x.at,
                  returnedTiyn: x.returnedTiyn,
                  issuedTiyn: x.issuedTiyn,
                  differenceTiyn: x.differenceTiyn,
                  method: x.method,
                  returnedLines: pick(x.returnedLineIds),
                  issuedLines: pick(x.issuedLineIds),
                  fiscal: fiscal.flatMap(({ exchangeId, ...f }) => (exchangeId === x.id ? [f] : [])),
                };
              }),
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
