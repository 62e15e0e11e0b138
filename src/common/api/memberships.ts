// API contract of membership plans and cards: the desk sale, the online purchase, "my
// memberships", and the price quote that shows what a card or promo code takes off.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { FiscalReceiptSchema } from './reports.ts';
import { LocalizedTextSchema, literals, Uuid } from './schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const Kind = literals(['pass', 'discount'] as const);

export const PlanSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: LocalizedTextSchema,
  kind: Kind,
  entries: Nullable(Type.Integer()),
  discountPercent: Nullable(Type.Number()),
  validDays: Type.Integer(),
  priceTiyn: Type.Integer(),
  proof: Nullable(LocalizedTextSchema),
  active: Type.Boolean(),
});
export type PlanDto = Static<typeof PlanSchema>;

export const MembershipSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  plan: Type.Object({ slug: Type.String(), name: LocalizedTextSchema, kind: Kind }),
  holderName: Type.String(),
  holderEmail: Nullable(Type.String()),
  validFrom: Timestamp,
  validUntil: Timestamp,
  entriesLeft: Nullable(Type.Integer()),
  priceTiyn: Type.Integer(),
  vatTiyn: Type.Integer(),
  paymentMethod: Type.String(),
  status: literals(['active', 'cancelled'] as const),
  /** the fiscal receipts of the card's sale (and refund), where the answer gives them: the desk sale, the lookup */
  fiscal: Type.Optional(Type.Array(FiscalReceiptSchema)),
});
export type MembershipCardDto = Static<typeof MembershipSchema>;

/** A card of the signed-in visitor, with the hub it belongs to. */
export const MyMembershipSchema = Type.Intersect([
  MembershipSchema,
  Type.Object({
    hubId: Uuid,
    hubSlug: Type.String(),
    discountPercent: Nullable(Type.Number()),
    proof: Nullable(LocalizedTextSchema),
  }),
]);
export type MyMembershipDto = Static<typeof MyMembershipSchema>;

export const PurchaseBody = Type.Object(
  {
    plan: Type.String({ minLength: 1, maxLength: 63 }),
    /** Whose name goes on the card; the account's name when left out. */
    holderName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    payment: Type.Object(
      { provider: Type.String({ minLength: 1, maxLength: 40 }), method: literals(['card'] as const) },
      { additionalProperties: false },
    ),
    locale: Type.Optional(literals(['kk', 'kk-Latn', 'ru', 'en'] as const)),
  },
  { additionalProperties: false },
);

export const PurchaseSchema = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  plan: Type.Object({
    slug: Type.String(),
    name: LocalizedTextSchema,
    kind: Kind,
    entries: Nullable(Type.Integer()),
    discountPercent: Nullable(Type.Number()),
    validDays: Type.Integer(),
  }),
  holderName: Type.String(),
  holderEmail: Type.String(),
  status: literals(['pending_payment', 'paid', 'declined', 'refunded'] as const),
  priceTiyn: Type.Integer(),
  vatRateBp: Type.Integer(),
  /** VAT included in the price */
  vatTiyn: Type.Integer(),
  createdAt: Timestamp,
  paidAt: Nullable(Timestamp),
  /** The provider's payment page, while the payment is open. */
  redirectUrl: Nullable(Type.String()),
  /** The card, once the payment is confirmed. */
  card: Nullable(MembershipSchema),
  /** The fiscal receipt, once issued. */
  receipt: Nullable(
    Type.Object({
      number: Type.String(),
      fiscalSign: Type.String(),
      checkUrl: Nullable(Type.String()),
      issuedAt: Timestamp,
    }),
  ),
});
export type PurchaseDto = Static<typeof PurchaseSchema>;

export const QuoteBody = Type.Object(
  {
    /** What is in the cart: tickets by price category. */
    items: Type.Array(
      Type.Object(
        {
          category: Type.String({ minLength: 1, maxLength: 20 }),
          quantity: Type.Integer({ minimum: 1, maximum: 20 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
    promoCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    membershipCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const QuoteSchema = Type.Object({
  lines: Type.Array(
    Type.Object({
      category: Type.String(),
      listTiyn: Type.Integer(),
      discountTiyn: Type.Integer(),
      unitTiyn: Type.Integer(),
    }),
  ),
  listTotalTiyn: Type.Integer(),
  discountTiyn: Type.Integer(),
  totalTiyn: Type.Integer(),
  vatTiyn: Type.Integer(),
  /** What the code is: a pass pays tickets from its entries, a discount card takes a share. */
  applied: Nullable(literals(['promo', 'pass', 'discount'] as const)),
  /** A pass's entries left before this sale. */
  entriesLeft: Nullable(Type.Integer()),
});
export type QuoteDto = Static<typeof QuoteSchema>;
