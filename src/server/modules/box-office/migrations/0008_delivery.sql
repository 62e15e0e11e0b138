-- What must happen after an order is paid or refunded: mail the tickets, issue the fiscal
-- receipt (or the refund receipt). Jobs are written in the same transaction as the payment or
-- the refund, so a crash right after the commit loses nothing: a worker finds the job and
-- retries it with a growing pause until it succeeds.
create table order_jobs (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  order_id uuid not null references orders (id) on delete cascade,
  kind text not null check (kind in ('tickets_mail', 'fiscal_sale', 'fiscal_refund')),
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- a worker that took the job holds it until then; after a crash another one takes it again
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  done_at timestamptz,
  -- each thing happens once per order
  unique (order_id, kind)
);
create index order_jobs_due_idx on order_jobs (next_attempt_at) where status = 'pending';

-- Fiscal receipts as the fiscal provider issued them: a sale when paid, a refund when refunded.
create table fiscal_receipts (
  id uuid primary key,
  hub_id uuid not null references hubs (id) on delete cascade,
  order_id uuid not null references orders (id) on delete cascade,
  kind text not null check (kind in ('sale', 'refund')),
  provider text not null,
  -- the number and fiscal sign the provider gave (and a link to check it, when it has one)
  number text not null,
  fiscal_sign text not null,
  check_url text,
  -- the receipt as it was sent
  payload jsonb not null,
  issued_at timestamptz not null,
  unique (order_id, kind)
);

-- The local fiscal provider's own register: receipt numbers without gaps per hub, and its
-- journal. A real provider (an online cash register with a fiscal data operator) keeps these
-- on its side instead.
create table local_fiscal_registers (
  hub_id uuid primary key references hubs (id) on delete cascade,
  last_number bigint not null default 0
);
create table local_fiscal_journal (
  hub_id uuid not null references hubs (id) on delete cascade,
  number bigint not null,
  -- our receipt id: a retried request finds its receipt instead of making a second one
  external_id text not null unique,
  operation text not null check (operation in ('sale', 'refund')),
  total_tiyn bigint not null,
  payload jsonb not null,
  fiscal_sign text not null,
  issued_at timestamptz not null default now(),
  primary key (hub_id, number)
);
