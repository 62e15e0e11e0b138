// API contract of the box office: holds, orders, tickets, payments.
import { type Static, Type } from '@sinclair/typebox';
import { SeatPlaceSchema } from './program.ts';
import { LocalizedTextSchema, literals, Uuid } from './schemas.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const HoldBody = Type.Object(
  {
    seats: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20, uniqueItems: true }),
    ),
    areas: Type.Optional(
      Type.Array(
        Type.Object(
          { areaId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 20 }) },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    best: Type.Optional(
      Type.Object(
        {
          quantity: Type.Integer({ minimum: 1, maximum: 20 }),
          category: Type.Optional(Type.String({ maxLength: 20 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const HoldItemSchema = Type.Object({
  seatId: Nullable(Type.String()),
  areaId: Nullable(Uuid),
  quantity: Type.Integer(),
  category: Type.String(),
});
export const HoldSchema = Type.Object({
  id: Uuid,
  performanceId: Uuid,
  status: literals(['active', 'ordered', 'released', 'expired'] as const),
  expiresAt: Timestamp,
  items: Type.Array(HoldItemSchema),
  totalTiyn: Type.Integer(),
});
export type HoldDto = Static<typeof HoldSchema>;

export const PAYMENT_PROVIDERS = ['desk', 'sandbox'] as const;
export const PlaceOrderBody = Type.Object(
  {
    holdId: Uuid,
    buyer: Type.Object(
      {
        email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      },
      { additionalProperties: false },
    ),
    payment: Type.Object(
      {
        provider: literals(PAYMENT_PROVIDERS),
        method: literals(['card', 'cash'] as const),
      },
      { additionalProperties: false },
    ),
    /** Box office only: free tickets (guests, press), with the reason in the audit log. */
    complimentary: Type.Optional(
      Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    ),
    locale: Type.Optional(literals(['kk', 'kk-Latn', 'ru', 'en'] as const)),
    promoCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    membershipCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** A gift voucher pays what it can; the payment provider is asked for the rest, if any. */
    voucherCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const OrderLineSchema = Type.Object({
  id: Uuid,
  performanceId: Uuid,
  seatId: Nullable(Type.String()),
  areaId: Nullable(Uuid),
  category: Type.String(),
  categoryName: LocalizedTextSchema,
  unitPriceTiyn: Type.Integer(),
  vatRateBp: Type.Integer(),
  vatTiyn: Type.Integer(),
  complimentary: Type.Boolean(),
  /** Taken off the list price by a promo code; unitPriceTiyn is what is paid. */
  discountTiyn: Type.Integer(),
  /** Where the seat is (section name, row, number); null for a standing place. */
  seat: Nullable(SeatPlaceSchema),
});

export type OrderLineDto = Static<typeof OrderLineSchema>;

export const TicketSchema = Type.Object({
  id: Uuid,
  lineId: Uuid,
  performanceId: Uuid,
  seatId: Nullable(Type.String()),
  /** An exchanged ticket was given back for another at the desk; like a refunded one, it no longer enters. */
  status: literals(['valid', 'refunded', 'exchanged'] as const),
  /** The signed QR payload. */
  qr: Type.String(),
});
export type TicketDto = Static<typeof TicketSchema>;

export const PaymentSchema = Type.Object({
  id: Uuid,
  provider: Type.String(),
  method: Type.String(),
  status: literals(['pending', 'succeeded', 'declined', 'refunded'] as const),
  amountTiyn: Type.Integer(),
  redirectUrl: Type.Optional(Type.String()),
});

export const OrderSchema = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  hubId: Uuid,
  status: literals(['pending_payment', 'paid', 'expired', 'cancelled', 'refunded'] as const),
  channel: literals(['online', 'desk'] as const),
  buyerEmail: Nullable(Type.String()),
  buyerName: Nullable(Type.String()),
  totalTiyn: Type.Integer(),
  vatTiyn: Type.Integer(),
  currency: Type.Literal('KZT'),
  createdAt: Timestamp,
  paidAt: Nullable(Timestamp),
  paymentDueAt: Nullable(Timestamp),
  lines: Type.Array(OrderLineSchema),
  tickets: Type.Array(TicketSchema),
  payments: Type.Array(PaymentSchema),
});
export type OrderDto = Static<typeof OrderSchema>;

export const RefundBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
