// Fiscal receipts. In Kazakhstan every receipt or return of money (cash or card, online card
// payments included) needs a receipt from an online cash register registered with a fiscal data
// operator (OFD). Providers such as Webkassa expose this as an HTTP API. Like payments, this is
// an interface: the modules build the receipt, a provider makes it fiscal.
//
// What gets a receipt (box-office/fiscal.ts queues them): a ticket order's sale and refund; an
// exchange at the desk, as a refund receipt for the tickets given back and a sale receipt for
// the new ones; a membership card's sale (at the desk or online) and its refund; a gift
// voucher's sale at the desk.
//
// Advances. A gift voucher that can pay for anything the hub sells is a multi-purpose voucher:
// selling it is receiving money in advance, not a supply. Its sale receipt has one position
// with `advance: true` and no VAT (rate 0), paid in cash or by card. When the voucher later
// pays for tickets, that sale receipt carries the ticket lines with their VAT and the voucher's
// part as the payment method `voucher`: an advance set off, no money taken now. Likewise
// `exchange` in an exchange's receipts: the worth of the tickets given back, set off against the
// new ones (kept toward them in the refund receipt, paying them in the sale receipt); only the
// difference is cash or card. So, per method, cash and card of sales minus refunds are the money
// the hub kept, and `voucher` and `exchange` cancel out.
//
// Adding a real provider (Webkassa, for instance): implement `FiscalProvider` in a file beside
// this one — `issue` logs in (POST /api/Authorize with the cashier's login and password, keep
// the token), then POST /api/Check with the cash register's serial number, OperationType
// (2 = sale, 3 = refund of a sale), Positions (Count, Price in tenge, Tax, TaxType,
// PositionName), Payments (Sum, PaymentType: 0 cash, 1 card) and ExternalCheckNumber = the
// request's `externalId`, which Webkassa uses to refuse a duplicate; map its answer's
// CheckNumber, the fiscal sign and TicketUrl to `IssuedFiscalReceipt`. An `advance` position
// goes without VAT (TaxType 0) and is marked as an advance (prepayment) the way the operator's
// protocol says; `voucher` and `exchange` payments go as the operator's payment type for an
// advance set off, never as cash or card (the shift report would count that money twice). Then
// return it from `fiscalProviderFor` when the configuration names it. Throw on any failure: the
// receipt is retried later with the same `externalId`.
import type { Db } from '../db/db.ts';

export interface FiscalPosition {
  name: string;
  quantity: number;
  unitPriceTiyn: number;
  amountTiyn: number;
  /** basis points: 1600 = 16%; 0 = without VAT */
  vatRateBp: number;
  /** VAT included in amountTiyn */
  vatTiyn: number;
  /** money received in advance (a gift voucher sold), not a supply: without VAT */
  advance?: boolean;
}

export interface FiscalPayment {
  /**
   * cash, card (at the desk or online); voucher: paid from a gift voucher sold earlier, money
   * the hub already holds (an advance set off); exchange: the worth of tickets given back in
   * the same exchange, set off against the new ones. No money moves for voucher and exchange.
   */
  method: 'cash' | 'card' | 'voucher' | 'exchange';
  amountTiyn: number;
}

// The seller is not in the request: an operator knows it from the cash register, which is
// registered with the tax authority under the seller's BIN. The hub's receipt names it (hub.legal).
export interface FiscalReceiptRequest {
  /** Our receipt id: the provider must refuse to issue a second receipt for it. */
  externalId: string;
  hubId: string;
  operation: 'sale' | 'refund';
  positions: FiscalPosition[];
  payments: FiscalPayment[];
  totalTiyn: number;
  vatTiyn: number;
  buyerEmail: string | null;
}

export interface IssuedFiscalReceipt {
  /** The number on the receipt. */
  number: string;
  /** The fiscal sign the operator gave (or the local register's check code). */
  fiscalSign: string;
  issuedAt: string;
  /** Where the buyer can check the receipt, when the operator offers it. */
  checkUrl: string | null;
}

export interface FiscalProvider {
  readonly id: string;
  /** Issues a receipt; the same externalId twice gives the same receipt back. */
  issue(request: FiscalReceiptRequest): Promise<IssuedFiscalReceipt>;
}

/**
 * The local register: numbers receipts per hub without gaps and keeps them in its journal.
 * It is what runs until a hub is connected to a fiscal data operator, and in tests; its
 * "fiscal sign" is a checksum of the receipt, not an operator's sign.
 */
export function localFiscalProvider(db: Db): FiscalProvider {
  return {
    id: 'local',
    async issue(r) {
      // One statement: a receipt already in the journal is returned as it is; otherwise the
      // hub's next number is taken (locking its register row until the statement commits, so
      // numbers have no gaps and no doubles across processes) and the receipt written with it.
      // Two concurrent tries of one receipt: the second fails on external_id and is retried.
      const [row] = await db.query<{ number: string; fiscalSign: string; issuedAt: Date }>(
        `with found as (
           select number, fiscal_sign, issued_at from local_fiscal_journal where external_id = $1::text),
         next as (
           insert into local_fiscal_registers as r (hub_id, last_number)
           select $2::uuid, 1 where not exists (select 1 from found)
           on conflict (hub_id) do update set last_number = r.last_number + 1 returning last_number),
         written as (
           insert into local_fiscal_journal (hub_id, number, external_id, operation, total_tiyn, payload, fiscal_sign)
           select $2::uuid, next.last_number, $1::text, $3::text, $4::bigint, $5::jsonb,
                  upper(left(encode(sha256(convert_to(concat_ws('|', $2::uuid, next.last_number, $3, $4::bigint, $1), 'UTF8')), 'hex'), 16))
             from next
           returning number, fiscal_sign, issued_at)
         select number::text, fiscal_sign as "fiscalSign", issued_at as "issuedAt" from found
         union all
         select number::text, fiscal_sign, issued_at from written`,
        [r.externalId, r.hubId, r.operation, r.totalTiyn, JSON.stringify(r)],
      );
      if (!row) throw new Error('The local fiscal register wrote no receipt');
      return {
        number: row.number,
        fiscalSign: row.fiscalSign,
        issuedAt: new Date(row.issuedAt).toISOString(),
        checkUrl: null,
      };
    },
  };
}

const providers = new WeakMap<Db, FiscalProvider>();

/** The fiscal provider of this installation (the local register until a real one is configured). */
export function fiscalProviderFor(db: Db): FiscalProvider {
  let p = providers.get(db);
  if (!p) {
    p = localFiscalProvider(db);
    providers.set(db, p);
  }
  return p;
}
