// How the box office (and later the shop) takes money. A provider is either immediate (the
// desk: cash or card at the counter) or redirecting (an online PSP: a hosted payment page,
// then a signed server-to-server callback, possibly retried or replayed). A real PSP such as
// Halyk ePay, Freedom Pay or CloudPayments is added by implementing this interface.

export type PaymentOutcome = 'succeeded' | 'declined' | 'refunded';

export interface StartedPayment {
  /** The provider's own id of this payment, unique per provider. */
  providerRef: string;
  status: 'pending' | 'succeeded';
  /** Where to send the buyer to pay (redirecting providers). */
  redirectUrl?: string;
}

export interface CallbackEvent {
  /** Unique per provider; a replayed callback carries the same id. */
  eventId: string;
  providerRef: string;
  outcome: PaymentOutcome;
  amountTiyn: number;
  /** Our own payment id as the provider echoes it back (its invoice or order id field). */
  paymentId?: string;
}

/** What a provider knows of a payment found by our own payment id. */
export interface FoundPayment {
  providerRef: string;
  status: 'pending' | PaymentOutcome;
  redirectUrl?: string;
}

export interface PaymentProvider {
  readonly id: string;
  readonly immediate: boolean;
  start(p: {
    paymentId: string;
    orderId: string;
    orderNumber: number;
    amountTiyn: number;
    description: string;
    returnUrl: string;
    method: string;
  }): Promise<StartedPayment>;
  /** Checks the signature of a callback and reads it; throws a 400/401 problem when forged. */
  parseCallback?(headers: Record<string, string | string[] | undefined>, rawBody: string): CallbackEvent;
  /** Asks the provider what became of a payment (reconciliation after a restart). */
  status?(providerRef: string): Promise<'pending' | PaymentOutcome>;
  /**
   * Finds a payment by our own payment id, which `start` passes as the invoice id (Halyk ePay
   * `invoiceId`, Freedom Pay `pg_order_id`, CloudPayments `InvoiceId`; each has a status call
   * that takes it). Undefined when the provider never got that payment. This is how a payment
   * whose `start` answer was never saved (the process died in between) is found again.
   */
  lookup?(paymentId: string): Promise<FoundPayment | undefined>;
  refund(p: { providerRef: string; amountTiyn: number }): Promise<void>;
}

/** The box office desk: cash or a card terminal, settled on the spot. */
export const deskProvider: PaymentProvider = {
  id: 'desk',
  immediate: true,
  async start(p) {
    return { providerRef: `desk-${p.paymentId}`, status: 'succeeded' };
  },
  async refund() {
    // Money goes back across the counter; nothing to call.
  },
};
