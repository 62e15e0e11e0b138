-- The sandbox payment service provider and what the box office keeps about callbacks.

-- The sandbox PSP's own books. It stands in for Halyk ePay, Freedom Pay or CloudPayments,
-- which keep their own records: the box office reaches these tables only through the
-- provider interface (start, status, refund) and the signed callbacks the PSP sends.
create table sandbox_psp_payments (
  ref text primary key,
  -- the merchant's payment id: starting the same payment twice gives the same PSP payment
  merchant_payment_id text not null unique,
  order_id text not null,
  order_number bigint not null,
  amount_tiyn bigint not null check (amount_tiyn > 0),
  currency text not null default 'KZT',
  description text not null,
  return_url text not null,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'declined', 'refunded')),
  card_mask text,
  decline_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The PSP's outbox of server-to-server callbacks: a row stays until the merchant answers 2xx,
-- so callbacks not yet delivered are sent again after a restart.
create table sandbox_psp_callbacks (
  event_id text primary key,
  ref text not null references sandbox_psp_payments (ref),
  -- exactly the bytes that are signed and sent
  body text not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  -- a PSP gives up after a few days; reconciliation covers the rest
  abandoned_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index sandbox_psp_callbacks_due_idx on sandbox_psp_callbacks (next_attempt_at)
  where delivered_at is null and abandoned_at is null;

-- What became of each callback (paid, duplicate, ignored, rejected…), and which payment it named.
alter table payment_callbacks add column provider_ref text;
alter table payment_callbacks add column result text;

-- Why a payment ended as it did when no person decided it (a late payment refunded, …), and
-- money owed back at the provider: set in the same transaction that decides it, cleared once
-- the provider confirms, so a crash in between leaves it for the next sweep.
alter table payments add column note text;
alter table payments add column refund_due boolean not null default false;
alter table payments add column refund_claimed_until timestamptz;
create index payments_refund_due_idx on payments (id) where refund_due;
create index payments_open_idx on payments (updated_at) where status in ('pending', 'declined');
