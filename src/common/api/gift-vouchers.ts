// API contract of gift vouchers: issuing (sold at the desk or free), the ledger, the public balance check.
import { type Static, Type } from '@sinclair/typebox';
import { FiscalReceiptSchema } from './reports.ts';
import { LocaleSchema, literals, Uuid } from './schemas.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const TypedCode = Type.String({ minLength: 1, maxLength: 40 });

export const IssueVoucherBody = Type.Object(
  {
    valueTiyn: Type.Integer({ minimum: 100, maximum: 10_000_000_00 }),
    /** Sold at the desk: paid in cash or by card. */
    payment: Type.Optional(
      Type.Object({ method: literals(['cash', 'card'] as const) }, { additionalProperties: false }),
    ),
    /** Given free (a prize, an apology, a partner's gift), with the reason in the audit log. */
    complimentary: Type.Optional(
      Type.Object(
        { reason: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) },
        { additionalProperties: false },
      ),
    ),
    buyerName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    recipientName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** The voucher is mailed here at once. */
    recipientEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    /** The last day it can be spent (in the hub's time zone); a year from today when not given. */
    validUntil: Type.Optional(Type.String({ format: 'date' })),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);

export const VoucherEntrySchema = Type.Object({
  kind: literals(['issue', 'use', 'return', 'void'] as const),
  /** Signed: what the entry added to the balance or took from it. */
  amountTiyn: Type.Integer(),
  balanceAfterTiyn: Type.Integer(),
  orderId: Nullable(Uuid),
  orderNumber: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  at: Timestamp,
});

export const GiftVoucherSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  initialTiyn: Type.Integer(),
  balanceTiyn: Type.Integer(),
  issueKind: literals(['sold', 'complimentary'] as const),
  paymentMethod: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  buyerName: Nullable(Type.String()),
  recipientName: Nullable(Type.String()),
  recipientEmail: Nullable(Type.String()),
  validUntil: Nullable(Timestamp),
  /** active, void, or expired (active but past its date) */
  state: literals(['active', 'void', 'expired'] as const),
  voidReason: Nullable(Type.String()),
  createdAt: Timestamp,
  /** the fiscal receipt of a sold voucher's sale (an advance), where the answer gives it: the sale, the detail */
  fiscal: Type.Optional(Type.Array(FiscalReceiptSchema)),
});
export type GiftVoucherDto = Static<typeof GiftVoucherSchema>;

export const GiftVoucherDetailSchema = Type.Composite([
  GiftVoucherSchema,
  Type.Object({ entries: Type.Array(VoucherEntrySchema) }),
]);
export type GiftVoucherDetailDto = Static<typeof GiftVoucherDetailSchema>;

export const GiftVoucherListSchema = Type.Object({
  /** Money still spendable on active, unexpired vouchers: what the hub owes its holders. */
  outstandingTiyn: Type.Integer(),
  vouchers: Type.Array(GiftVoucherSchema),
});
export type GiftVoucherListDto = Static<typeof GiftVoucherListSchema>;

export const VoucherCodeBody = Type.Object({ code: TypedCode }, { additionalProperties: false });

/** What anyone holding a code may learn: the balance and until when it can be spent. */
export const VoucherBalanceSchema = Type.Object({
  balanceTiyn: Type.Integer(),
  currency: Type.Literal('KZT'),
  validUntil: Nullable(Timestamp),
});
export type VoucherBalanceDto = Static<typeof VoucherBalanceSchema>;

export const VoidVoucherBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const MailVoucherBody = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);

/** One line of the gift-voucher report: vouchers sold (per method) or given, spent, returned, voided. */
export const VoucherMovementSchema = Type.Object({
  movement: literals(['sold', 'complimentary', 'used', 'returned', 'voided'] as const),
  /** cash or card for vouchers sold; empty otherwise */
  method: Type.String(),
  vouchers: Type.Integer(),
  amountTiyn: Type.Integer(),
});
export type VoucherMovementDto = Static<typeof VoucherMovementSchema>;
export const VoucherMovementReport = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  timeZone: Type.String(),
  rows: Type.Array(VoucherMovementSchema),
});
