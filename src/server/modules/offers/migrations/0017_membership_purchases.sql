-- Membership cards bought online: the purchase waits for the payment provider's word, and the
-- card is issued only in the transaction that records the payment (once, whatever the replays).
create sequence membership_purchase_numbers;

create table membership_purchases (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  -- the number the payment page shows
  number bigint not null default nextval('membership_purchase_numbers') unique,
  plan_id uuid not null references membership_plans (id),
  user_id uuid references users (id) on delete set null,
  holder_name text not null,
  holder_email text not null,
  locale text not null default 'kk',
  price_tiyn bigint not null check (price_tiyn >= 0),
  vat_rate_bp integer not null,
  -- VAT included in the price
  vat_tiyn bigint not null,
  status text not null default 'pending_payment'
    check (status in ('pending_payment', 'paid', 'declined', 'refunded')),
  provider text not null,
  method text not null,
  provider_ref text,
  redirect_url text,
  -- a double-pressed "buy" makes one purchase (per account)
  idempotency_key text,
  membership_id uuid unique references memberships (id),
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  -- after the payment: the fiscal receipt, then the card by mail; retried until done
  delivery text not null default 'none' check (delivery in ('none', 'pending', 'done', 'failed')),
  delivery_attempts integer not null default 0,
  delivery_next_at timestamptz,
  delivery_locked_until timestamptz,
  delivery_error text,
  fiscal_number text,
  fiscal_sign text,
  fiscal_check_url text,
  fiscal_issued_at timestamptz,
  unique (provider, provider_ref),
  unique (hub_id, user_id, idempotency_key)
);
create index membership_purchases_user_idx on membership_purchases (user_id, created_at desc);
create index membership_purchases_due_idx on membership_purchases (delivery_next_at) where delivery = 'pending';
create index membership_purchases_open_idx on membership_purchases (created_at) where status = 'pending_payment';

-- A card's own account, for "my memberships" (desk sales may have none).
create index memberships_user_idx on memberships (user_id) where user_id is not null;
