-- Gift vouchers with a running balance: sold at the desk or given free, spent over several
-- orders. The balance column is the one the checkout guards (a row lock, a conditional update
-- and the check below: it never goes below zero, however many checkouts spend it at once);
-- the entries are its ledger, so balance = issued − used + returned, each with its order.
create table gift_vouchers (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  -- 16 random characters (80 bits): typed at checkout, so not guessable
  code text not null unique check (code ~ '^GV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$'),
  initial_tiyn bigint not null check (initial_tiyn > 0),
  balance_tiyn bigint not null check (balance_tiyn >= 0 and balance_tiyn <= initial_tiyn),
  -- sold (paid at the desk in cash or by card) or complimentary (free, with a reason)
  issue_kind text not null check (issue_kind in ('sold', 'complimentary')),
  payment_method text check (payment_method in ('cash', 'card')),
  reason text,
  buyer_name text,
  recipient_name text,
  recipient_email text,
  locale text not null default 'kk',
  -- spendable until then; null means no end
  valid_until timestamptz,
  status text not null default 'active' check (status in ('active', 'void')),
  void_reason text,
  voided_at timestamptz,
  issued_by uuid references users (id) on delete set null,
  idempotency_key text,
  created_at timestamptz not null default now(),
  check ((issue_kind = 'sold') = (payment_method is not null)),
  check ((issue_kind = 'complimentary') = (reason is not null)),
  check ((status = 'void') = (void_reason is not null))
);
create index gift_vouchers_hub_idx on gift_vouchers (hub_id, created_at desc);
create unique index gift_vouchers_idempotency_key on gift_vouchers (hub_id, idempotency_key)
  where idempotency_key is not null;

create table gift_voucher_entries (
  id uuid primary key default gen_random_uuid(),
  -- the ledger's order: taken while the voucher's row is locked, so it is the order of the changes
  seq bigint generated always as identity,
  voucher_id uuid not null references gift_vouchers (id) on delete cascade,
  kind text not null check (kind in ('issue', 'use', 'return', 'void')),
  -- signed change of the balance: issue and return add, use takes away, void changes nothing
  amount_tiyn bigint not null,
  balance_after_tiyn bigint not null check (balance_after_tiyn >= 0),
  order_id uuid references orders (id),
  actor_id uuid references users (id) on delete set null,
  note text,
  created_at timestamptz not null default now(),
  check (case kind when 'use' then amount_tiyn < 0 when 'void' then amount_tiyn = 0 else amount_tiyn > 0 end),
  check ((kind in ('use', 'return')) = (order_id is not null))
);
create index gift_voucher_entries_voucher_idx on gift_voucher_entries (voucher_id, seq);
create index gift_voucher_entries_order_idx on gift_voucher_entries (order_id) where order_id is not null;

-- Failed public balance checks, per address: too many in a while and the check answers 429.
create table gift_voucher_lookup_failures (
  ip text not null,
  at timestamptz not null default now()
);
create index gift_voucher_lookup_failures_idx on gift_voucher_lookup_failures (ip, at);
