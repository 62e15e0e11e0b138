// Box-office reports: sales and occupancy per performance and per event, check-in rate, revenue
// by payment method and by price category. Each report is rows of plain values, turned into
// JSON or into CSV for Excel (UTF-8 with BOM, commas, RFC 4180 quoting, tenge with two decimals).
import type { VoucherMovementDto } from '../../../common/api/gift-vouchers.ts';
import type {
  CategoryRevenueDto,
  EventSalesDto,
  MethodRevenueDto,
  PerformanceSalesDto,
} from '../../../common/api/reports.ts';
import type { LocalizedTextDto } from '../../../common/api/schemas.ts';
import { localize } from '../../../common/content.ts';
import type { Locale } from '../../../common/locales.ts';
import { kazakhToLatin } from '../../../common/translit.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { seatStatuses } from '../program/inventory.ts';
import { localIso } from '../program/jsonld.ts';
import { listPerformances } from '../program/service.ts';

export interface ReportFilter {
  hubId: string;
  timeZone: string;
  from?: string | undefined;
  to?: string | undefined;
  eventId?: string | undefined;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

/**
 * Tickets let in at the door, per performance. Check-in lives in its own table, which older
 * databases may not have yet; without it every count is 0.
 */
export async function checkedInCounts(q: Queryable, performanceIds: string[]): Promise<Map<string, number>> {
  const [exists] = await q.query<{ ok: boolean }>(`select to_regclass('checkins') is not null as ok`);
  if (!exists?.ok || performanceIds.length === 0) return new Map();
  const rows = await q.query<{ performanceId: string; n: number }>(
    `select performance_id as "performanceId", count(distinct ticket_id)::int as n from checkins
      where performance_id = any($1::uuid[]) and verdict = 'valid' and direction = 'in' and ticket_id is not null
      group by performance_id`,
    [performanceIds],
  );
  return new Map(rows.map((r) => [r.performanceId, r.n]));
}

/** Sales and occupancy per performance that starts within the dates, soonest first. */
export async function performanceSales(q: Queryable, f: ReportFilter): Promise<PerformanceSalesDto[]> {
  const perfs = await listPerformances(q, f.hubId, {
    from: f.from,
    to: f.to,
    drafts: true,
    ...(f.eventId ? { eventId: f.eventId } : {}),
  });
  if (perfs.length === 0) return [];
  const ids = perfs.map((p) => p.id);
  const sales = await q.query<{
    performanceId: string;
    sold: number;
    comps: number;
    revenue: string | number;
    vat: string | number;
  }>(
    `select l.performance_id as "performanceId",
            count(t.id) filter (where t.status = 'valid')::int as sold,
            count(t.id) filter (where t.status = 'valid' and l.complimentary)::int as comps,
            coalesce(sum(l.unit_price_tiyn) filter (where o.status = 'paid' and l.returned_in_exchange is null), 0) as revenue,
            coalesce(sum(l.vat_tiyn) filter (where o.status = 'paid' and l.returned_in_exchange is null), 0) as vat
       from order_lines l join orders o on o.id = l.order_id left join tickets t on t.order_line_id = l.id
      where l.performance_id = any($1::uuid[]) and o.hub_id = $2 and o.status in ('paid', 'refunded')
      group by l.performance_id`,
    [ids, f.hubId],
  );
  const byPerf = new Map(sales.map((s) => [s.performanceId, s]));
  const checkedIn = await checkedInCounts(q, ids);
  const rows: PerformanceSalesDto[] = [];
  for (const p of perfs) {
    const s = byPerf.get(p.id);
    let heldBack = 0;
    if (p.seatCount > 0)
      for (const st of (await seatStatuses(q, p.id)).values()) if (st.status === 'blocked') heldBack++;
    const capacity = p.seatCount + p.areas.reduce((n, a) => n + a.capacity, 0);
    const sold = s?.sold ?? 0;
    const inside = checkedIn.get(p.id) ?? 0;
    rows.push({
      performanceId: p.id,
      eventSlug: p.eventSlug,
      eventTitle: p.eventTitle,
      startsAt: p.startsAt,
      spaceName: p.spaceName,
      status: p.status,
      capacity,
      sold,
      complimentary: s?.comps ?? 0,
      heldBack,
      available: p.seatsAvailable + p.areas.reduce((n, a) => n + a.available, 0),
      occupancy: ratio(sold, capacity),
      revenueTiyn: Number(s?.revenue ?? 0),
      vatTiyn: Number(s?.vat ?? 0),
      checkedIn: inside,
      checkInRate: ratio(inside, sold),
    });
  }
  return rows;
}

/** The same, added up per event. */
export async function eventSales(q: Queryable, f: ReportFilter): Promise<EventSalesDto[]> {
  const byEvent = new Map<string, EventSalesDto>();
  for (const r of await performanceSales(q, f)) {
    const e = byEvent.get(r.eventSlug) ?? {
      eventSlug: r.eventSlug,
      eventTitle: r.eventTitle,
      performances: 0,
      capacity: 0,
      sold: 0,
      complimentary: 0,
      heldBack: 0,
      available: 0,
      occupancy: 0,
      revenueTiyn: 0,
      vatTiyn: 0,
      checkedIn: 0,
      checkInRate: 0,
    };
    e.performances++;
    for (const k of [
      'capacity',
      'sold',
      'complimentary',
      'heldBack',
      'available',
      'revenueTiyn',
      'vatTiyn',
      'checkedIn',
    ] as const)
      e[k] += r[k];
    e.occupancy = ratio(e.sold, e.capacity);
    e.checkInRate = ratio(e.checkedIn, e.sold);
    byEvent.set(r.eventSlug, e);
  }
  return [...byEvent.values()];
}

/** Orders paid within the dates (in the hub's time zone) and, when asked, touching one event. */
const PAID_IN_RANGE = `o.hub_id = $1 and o.paid_at is not null
  and ($2::date is null or o.paid_at >= ($2::date)::timestamp at time zone $4::text)
  and ($3::date is null or o.paid_at < ($3::date + 1)::timestamp at time zone $4::text)
  and ($5::uuid[] is null or exists (select 1 from order_lines x where x.order_id = o.id and x.performance_id = any($5::uuid[])))`;

async function eventPerformanceIds(q: Queryable, f: ReportFilter): Promise<string[] | null> {
  if (!f.eventId) return null;
  return (await listPerformances(q, f.hubId, { eventId: f.eventId, drafts: true })).map((p) => p.id);
}

/**
 * The VAT in one payment of an order: all of it when the payment is the whole order; with a gift
 * voucher paying part, the voucher's share by amount and the rest to the other payment, so the
 * shares add up to the order's VAT to the tiyn.
 */
const VAT_SHARE = `case when p.amount_tiyn = o.total_tiyn then o.vat_tiyn
  when o.total_tiyn = 0 then 0
  when p.provider = 'voucher' then round(o.vat_tiyn * p.amount_tiyn::numeric / o.total_tiyn)
  else o.vat_tiyn - round(o.vat_tiyn * (o.total_tiyn - p.amount_tiyn)::numeric / o.total_tiyn) end`;

/**
 * Money per payment provider and method: paid, refunded, what is left, and its VAT. An
 * exchange's difference is a payment of its own: money in when the buyer paid it, a negative
 * amount (counted as refunded) when it was handed back; an order's VAT is shared among its
 * payments, so an order paid in several goes is counted once.
 */
export async function revenueByMethod(q: Queryable, f: ReportFilter): Promise<MethodRevenueDto[]> {
  const rows = await q.query<Record<string, string | number>>(
    `select p.provider, p.method, count(distinct p.order_id) filter (where p.amount_tiyn >= 0)::int as orders,
            coalesce(sum(p.amount_tiyn) filter (where p.amount_tiyn >= 0), 0) as paid,
            (count(distinct p.order_id) filter (where p.status = 'refunded' and p.amount_tiyn >= 0))::int as "refundedOrders",
            coalesce(sum(case when p.amount_tiyn < 0 and p.status = 'succeeded' then -p.amount_tiyn
                              when p.amount_tiyn >= 0 and p.status = 'refunded' then p.amount_tiyn else 0 end), 0) as refunded,
            coalesce(sum(${VAT_SHARE}) filter (where p.status = 'succeeded'), 0) as vat
       from payments p join orders o on o.id = p.order_id
      where p.status in ('succeeded', 'refunded') and ${PAID_IN_RANGE}
      group by p.provider, p.method order by paid desc, p.provider, p.method`,
    [f.hubId, f.from ?? null, f.to ?? null, f.timeZone, await eventPerformanceIds(q, f)],
  );
  return rows.map((r) => ({
    provider: String(r.provider),
    method: String(r.method),
    orders: Number(r.orders),
    paidTiyn: Number(r.paid),
    refundedOrders: Number(r.refundedOrders),
    refundedTiyn: Number(r.refunded),
    netTiyn: Number(r.paid) - Number(r.refunded),
    vatTiyn: Number(r.vat),
  }));
}

/** Tickets and money per price category, of orders paid and not refunded. */
export async function revenueByCategory(q: Queryable, f: ReportFilter): Promise<CategoryRevenueDto[]> {
  const rows = await q.query<{
    performanceId: string;
    category: string;
    n: number;
    revenue: string;
    vat: string;
  }>(
    `select l.performance_id as "performanceId", l.price_category_code as category, count(*)::int as n,
            sum(l.unit_price_tiyn) as revenue, sum(l.vat_tiyn) as vat
       from order_lines l join orders o on o.id = l.order_id
      where o.status = 'paid' and l.returned_in_exchange is null and ${PAID_IN_RANGE}
        and ($5::uuid[] is null or l.performance_id = any($5::uuid[]))
      group by l.performance_id, l.price_category_code`,
    [f.hubId, f.from ?? null, f.to ?? null, f.timeZone, await eventPerformanceIds(q, f)],
  );
  const perfIds = [...new Set(rows.map((r) => r.performanceId))];
  const names = new Map<string, LocalizedTextDto>();
  if (perfIds.length)
    for (const p of await listPerformances(q, f.hubId, { performanceIds: perfIds, drafts: true }))
      for (const price of p.prices) if (!names.has(price.code)) names.set(price.code, price.name);
  const byCode = new Map<string, CategoryRevenueDto>();
  for (const r of rows) {
    const c = byCode.get(r.category) ?? {
      category: r.category,
      categoryName: names.get(r.category) ?? {},
      tickets: 0,
      revenueTiyn: 0,
      vatTiyn: 0,
    };
    c.tickets += r.n;
    c.revenueTiyn += Number(r.revenue);
    c.vatTiyn += Number(r.vat);
    byCode.set(r.category, c);
  }
  return [...byCode.values()].sort(
    (a, b) => b.revenueTiyn - a.revenueTiyn || a.category.localeCompare(b.category),
  );
}

// ---- CSV ----

export type Cell = { text: string } | { tiyn: number } | { int: number } | { percent: number };
export interface CsvColumn<T> {
  key: string;
  value(row: T, locale: Locale, timeZone: string): Cell;
}

function cellText(c: Cell): string {
  if ('tiyn' in c) return (c.tiyn / 100).toFixed(2);
  if ('int' in c) return String(c.int);
  if ('percent' in c) return (c.percent * 100).toFixed(1);
  // A text cell starting like a formula is kept as text (no formula injection in Excel).
  return /^[=+\-@\t\r]/.test(c.text) ? `'${c.text}` : c.text;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** RFC 4180: CRLF line ends, commas, quotes doubled; a BOM so Excel reads it as UTF-8. */
export function toCsv<T>(rows: T[], columns: CsvColumn<T>[], locale: Locale, timeZone: string): string {
  const lines = [columns.map((c) => quote(columnTitle(c.key, locale)))];
  for (const r of rows) lines.push(columns.map((c) => quote(cellText(c.value(r, locale, timeZone)))));
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

const text = (t: LocalizedTextDto, l: Locale): Cell => ({ text: localize(t, l) });
const when = (iso: string, tz: string): Cell => ({ text: localIso(iso, tz).slice(0, 16).replace('T', ' ') });

export const PERFORMANCE_COLUMNS: CsvColumn<PerformanceSalesDto>[] = [
  { key: 'event', value: (r, l) => text(r.eventTitle, l) },
  { key: 'startsAt', value: (r, _l, tz) => when(r.startsAt, tz) },
  { key: 'space', value: (r, l) => text(r.spaceName, l) },
  { key: 'status', value: (r) => ({ text: r.status }) },
  ...salesColumns<PerformanceSalesDto>(),
];
export const EVENT_COLUMNS: CsvColumn<EventSalesDto>[] = [
  { key: 'event', value: (r, l) => text(r.eventTitle, l) },
  { key: 'performances', value: (r) => ({ int: r.performances }) },
  ...salesColumns<EventSalesDto>(),
];
function salesColumns<T extends EventSalesDto | PerformanceSalesDto>(): CsvColumn<T>[] {
  return [
    { key: 'capacity', value: (r) => ({ int: r.capacity }) },
    { key: 'sold', value: (r) => ({ int: r.sold }) },
    { key: 'complimentary', value: (r) => ({ int: r.complimentary }) },
    { key: 'heldBack', value: (r) => ({ int: r.heldBack }) },
    { key: 'available', value: (r) => ({ int: r.available }) },
    { key: 'occupancy', value: (r) => ({ percent: r.occupancy }) },
    { key: 'revenue', value: (r) => ({ tiyn: r.revenueTiyn }) },
    { key: 'vat', value: (r) => ({ tiyn: r.vatTiyn }) },
    { key: 'checkedIn', value: (r) => ({ int: r.checkedIn }) },
    { key: 'checkInRate', value: (r) => ({ percent: r.checkInRate }) },
  ];
}
export const METHOD_COLUMNS: CsvColumn<MethodRevenueDto>[] = [
  { key: 'provider', value: (r) => ({ text: r.provider }) },
  { key: 'method', value: (r) => ({ text: r.method }) },
  { key: 'orders', value: (r) => ({ int: r.orders }) },
  { key: 'paid', value: (r) => ({ tiyn: r.paidTiyn }) },
  { key: 'refundedOrders', value: (r) => ({ int: r.refundedOrders }) },
  { key: 'refunded', value: (r) => ({ tiyn: r.refundedTiyn }) },
  { key: 'net', value: (r) => ({ tiyn: r.netTiyn }) },
  { key: 'vat', value: (r) => ({ tiyn: r.vatTiyn }) },
];
export const CATEGORY_COLUMNS: CsvColumn<CategoryRevenueDto>[] = [
  { key: 'category', value: (r) => ({ text: r.category }) },
  { key: 'categoryName', value: (r, l) => text(r.categoryName, l) },
  { key: 'tickets', value: (r) => ({ int: r.tickets }) },
  { key: 'revenue', value: (r) => ({ tiyn: r.revenueTiyn }) },
  { key: 'vat', value: (r) => ({ tiyn: r.vatTiyn }) },
];

export const VOUCHER_COLUMNS: CsvColumn<VoucherMovementDto>[] = [
  { key: 'movement', value: (r) => ({ text: r.movement }) },
  { key: 'method', value: (r) => ({ text: r.method }) },
  { key: 'vouchers', value: (r) => ({ int: r.vouchers }) },
  { key: 'amount', value: (r) => ({ tiyn: r.amountTiyn }) },
];

type Written = 'kk' | 'ru' | 'en';
// [kk, ru, en]; Kazakh Latin is transliterated from kk.
const TITLES: Record<string, [string, string, string]> = {
  event: ['Іс-шара', 'Мероприятие', 'Event'],
  startsAt: ['Күні мен уақыты', 'Дата и время', 'Date and time'],
  space: ['Алаң', 'Площадка', 'Space'],
  status: ['Мәртебесі', 'Статус', 'Status'],
  performances: ['Көрсетілімдер', 'Показы', 'Dates'],
  capacity: ['Сыйымдылығы', 'Вместимость', 'Capacity'],
  sold: ['Сатылды', 'Продано', 'Sold'],
  complimentary: ['Оның ішінде шақыру', 'Из них пригласительные', 'Of them complimentary'],
  heldBack: ['Сатылымнан алынған', 'Снято с продажи', 'Held back'],
  available: ['Бос', 'Свободно', 'Available'],
  occupancy: ['Толымдылық, %', 'Заполняемость, %', 'Occupancy, %'],
  revenue: ['Түсім, ₸', 'Выручка, ₸', 'Revenue, ₸'],
  vat: ['ҚҚС, ₸', 'НДС, ₸', 'VAT, ₸'],
  checkedIn: ['Кірді', 'Прошли на вход', 'Checked in'],
  checkInRate: ['Кіргендер үлесі, %', 'Доля прошедших, %', 'Check-in rate, %'],
  provider: ['Төлем провайдері', 'Платёжный провайдер', 'Payment provider'],
  method: ['Төлем тәсілі', 'Способ оплаты', 'Method'],
  orders: ['Тапсырыстар', 'Заказы', 'Orders'],
  paid: ['Төленді, ₸', 'Оплачено, ₸', 'Paid, ₸'],
  refundedOrders: ['Қайтарылған тапсырыстар', 'Возвращённые заказы', 'Refunded orders'],
  refunded: ['Қайтарылды, ₸', 'Возвращено, ₸', 'Refunded, ₸'],
  net: ['Таза түсім, ₸', 'Итого, ₸', 'Net, ₸'],
  category: ['Санат', 'Категория', 'Category'],
  categoryName: ['Санат атауы', 'Название категории', 'Category name'],
  tickets: ['Билеттер', 'Билеты', 'Tickets'],
  movement: ['Қозғалыс', 'Движение', 'Movement'],
  vouchers: ['Сертификаттар', 'Сертификаты', 'Vouchers'],
  amount: ['Сомасы, ₸', 'Сумма, ₸', 'Amount, ₸'],
};
const INDEX: Record<Written, number> = { kk: 0, ru: 1, en: 2 };

function columnTitle(key: string, locale: Locale): string {
  const titles = TITLES[key];
  if (!titles) return key;
  const written = titles[INDEX[locale === 'kk-Latn' ? 'kk' : locale]] ?? key;
  return locale === 'kk-Latn' ? kazakhToLatin(written) : written;
}
