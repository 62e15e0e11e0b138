// API contract of receipts and box-office reports.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { HubLegalSchema, LocalizedTextSchema, literals, Uuid } from './schemas.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ReceiptLineSchema = Type.Object({
  lineId: Uuid,
  /** what was bought, in the receipt's language: event, price category, seat */
  description: Type.String(),
  performanceId: Uuid,
  startsAt: Timestamp,
  seatId: Nullable(Type.String()),
  category: Type.String(),
  quantity: Type.Integer(),
  unitPriceTiyn: Type.Integer(),
  amountTiyn: Type.Integer(),
  /** basis points: 1600 = 16% */
  vatRateBp: Type.Integer(),
  /** VAT included in amountTiyn */
  vatTiyn: Type.Integer(),
  complimentary: Type.Boolean(),
});

export const FiscalReceiptSchema = Type.Object({
  kind: literals(['sale', 'refund'] as const),
  provider: Type.String(),
  number: Type.String(),
  fiscalSign: Type.String(),
  checkUrl: Nullable(Type.String()),
  issuedAt: Timestamp,
});
export type FiscalReceiptDto = Static<typeof FiscalReceiptSchema>;

export const ReceiptSchema = Type.Object({
  orderId: Uuid,
  orderNumber: Type.Integer(),
  /**
   * the seller as the hub records it: name, city, the time zone its times are read in, and who
   * runs it in law (registered name, BIN, address, VAT registration); legal is null until entered
   */
  hub: Type.Object({
    slug: Type.String(),
    name: LocalizedTextSchema,
    city: LocalizedTextSchema,
    timeZone: Type.String(),
    legal: Nullable(HubLegalSchema),
  }),
  status: literals(['pending_payment', 'paid', 'expired', 'cancelled', 'refunded'] as const),
  locale: Type.String(),
  currency: Type.Literal('KZT'),
  createdAt: Timestamp,
  paidAt: Nullable(Timestamp),
  /** when the money went back (a refund, or a late payment returned), else null */
  refundedAt: Nullable(Timestamp),
  lines: Type.Array(ReceiptLineSchema),
  vatSummary: Type.Array(
    Type.Object({ vatRateBp: Type.Integer(), amountTiyn: Type.Integer(), vatTiyn: Type.Integer() }),
  ),
  totals: Type.Object({ amountTiyn: Type.Integer(), vatTiyn: Type.Integer(), netTiyn: Type.Integer() }),
  payments: Type.Array(
    Type.Object({
      provider: Type.String(),
      method: Type.String(),
      amountTiyn: Type.Integer(),
      status: Type.String(),
    }),
  ),
  /** the fiscal receipts issued for the order: the sale, and the refund if it was refunded */
  fiscal: Type.Array(FiscalReceiptSchema),
  /** tickets exchanged at the desk: what was given back, what was issued, the difference paid (+) or handed back (−) */
  exchanges: Type.Optional(
    Type.Array(
      Type.Object({
        id: Uuid,
        at: Timestamp,
        returnedTiyn: Type.Integer(),
        issuedTiyn: Type.Integer(),
        differenceTiyn: Type.Integer(),
        method: Nullable(Type.String()),
        returnedLines: Type.Array(ReceiptLineSchema),
        issuedLines: Type.Array(ReceiptLineSchema),
        /** its fiscal receipts: a refund for the tickets given back, a sale for the new ones */
        fiscal: Type.Array(FiscalReceiptSchema),
      }),
    ),
  ),
});
export type ReceiptDto = Static<typeof ReceiptSchema>;

export const ReportQuery = Type.Object(
  {
    /** first day, YYYY-MM-DD in the hub's time zone */
    from: Type.Optional(Type.String({ format: 'date' })),
    /** last day, inclusive */
    to: Type.Optional(Type.String({ format: 'date' })),
    /** one event's slug */
    event: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,80}$' })),
    format: Type.Optional(literals(['json', 'csv'] as const)),
    lang: Type.Optional(literals(['kk', 'kk-Latn', 'ru', 'en'] as const)),
  },
  { additionalProperties: false },
);

const Sales = {
  capacity: Type.Integer(),
  sold: Type.Integer(),
  complimentary: Type.Integer(),
  heldBack: Type.Integer(),
  available: Type.Integer(),
  /** sold ÷ capacity, 0–1 */
  occupancy: Type.Number(),
  revenueTiyn: Type.Integer(),
  vatTiyn: Type.Integer(),
  checkedIn: Type.Integer(),
  /** checked in ÷ sold, 0–1 */
  checkInRate: Type.Number(),
};

export const PerformanceSalesSchema = Type.Object({
  performanceId: Uuid,
  eventSlug: Type.String(),
  eventTitle: LocalizedTextSchema,
  startsAt: Timestamp,
  spaceName: LocalizedTextSchema,
  status: Type.String(),
  ...Sales,
});
export const EventSalesSchema = Type.Object({
  eventSlug: Type.String(),
  eventTitle: LocalizedTextSchema,
  performances: Type.Integer(),
  ...Sales,
});
export const MethodRevenueSchema = Type.Object({
  provider: Type.String(),
  method: Type.String(),
  orders: Type.Integer(),
  paidTiyn: Type.Integer(),
  refundedOrders: Type.Integer(),
  refundedTiyn: Type.Integer(),
  netTiyn: Type.Integer(),
  vatTiyn: Type.Integer(),
});
export const CategoryRevenueSchema = Type.Object({
  category: Type.String(),
  categoryName: LocalizedTextSchema,
  tickets: Type.Integer(),
  revenueTiyn: Type.Integer(),
  vatTiyn: Type.Integer(),
});

const report = <T extends TSchema>(row: T) =>
  Type.Object({
    from: Nullable(Type.String()),
    to: Nullable(Type.String()),
    timeZone: Type.String(),
    rows: Type.Array(row),
  });
export const PerformanceSalesReport = report(PerformanceSalesSchema);
export const EventSalesReport = report(EventSalesSchema);
export const MethodRevenueReport = report(MethodRevenueSchema);
export const CategoryRevenueReport = report(CategoryRevenueSchema);
export type PerformanceSalesDto = Static<typeof PerformanceSalesSchema>;
export type EventSalesDto = Static<typeof EventSalesSchema>;
export type MethodRevenueDto = Static<typeof MethodRevenueSchema>;
export type CategoryRevenueDto = Static<typeof CategoryRevenueSchema>;
