// API contract of exchanges at the desk: tickets of a paid order given back for other seats
// or places, with the price difference paid or handed back.
import { type Static, Type } from '@sinclair/typebox';
import { HoldBody, OrderSchema } from './box-office.ts';
import { literals, Uuid } from './schemas.ts';

export const ExchangeBody = Type.Object(
  {
    /** The tickets given back: valid tickets of this order, not yet used at the door. */
    tickets: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
    /** The new places, already held (the desk shows the difference from the hold)… */
    holdId: Type.Optional(Uuid),
    /** …or asked for here and claimed in the same transaction. */
    performanceId: Type.Optional(Uuid),
    seats: HoldBody.properties.seats,
    areas: HoldBody.properties.areas,
    best: HoldBody.properties.best,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    /** How the difference is paid or handed back at the desk; needed when there is one. */
    payment: Type.Optional(
      Type.Object({ method: literals(['cash', 'card'] as const) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type ExchangeBodyDto = Static<typeof ExchangeBody>;

export const ExchangeSchema = Type.Object({
  id: Uuid,
  orderId: Uuid,
  orderNumber: Type.Integer(),
  performanceId: Uuid,
  reason: Type.String(),
  returnedTickets: Type.Array(Uuid),
  issuedTickets: Type.Array(Uuid),
  /** What the given-back tickets had cost. */
  returnedTiyn: Type.Integer(),
  /** What the new tickets cost (with the discount the old ones had). */
  issuedTiyn: Type.Integer(),
  /** Positive: the buyer paid it; negative: it was handed back; zero: an even swap. */
  differenceTiyn: Type.Integer(),
  method: Type.Union([literals(['cash', 'card'] as const), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ExchangeDto = Static<typeof ExchangeSchema>;

export const ExchangeResultSchema = Type.Object({ exchange: ExchangeSchema, order: OrderSchema });
export type ExchangeResultDto = Static<typeof ExchangeResultSchema>;
