-- The box office: holds, orders with VAT, tickets, payments and their callbacks.

-- VAT rates are data, per item category, dated (16% standard from 1 January 2026).
create table vat_rates (
  category text not null,
  valid_from date not null,
  -- basis points: 1600 = 16%
  rate_bp integer not null check (rate_bp between 0 and 10000),
  primary key (category, valid_from)
);
insert into vat_rates (category, valid_from, rate_bp) values
  ('standard', '2009-01-01', 1200),
  ('standard', '2026-01-01', 1600),
  ('books_kz', '2009-01-01', 0),
  ('exempt', '2009-01-01', 0);

-- A visitor's seats and places, kept for them for a few minutes.
create table holds (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  performance_id uuid not null references performances (id) on delete cascade,
  user_id uuid references users (id) on delete set null,
  status text not null default 'active' check (status in ('active', 'ordered', 'released', 'expired')),
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index holds_active_idx on holds (performance_id, expires_at) where status = 'active';

create table hold_items (
  hold_id uuid not null references holds (id) on delete cascade,
  seat_id text,
  area_id uuid references ga_areas (id),
  quantity integer not null check (quantity > 0),
  price_category_code text not null,
  check ((seat_id is null) <> (area_id is null))
);
create index hold_items_hold_idx on hold_items (hold_id);

create sequence order_numbers;

create table orders (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  -- short number people read out at the desk
  number bigint not null default nextval('order_numbers') unique,
  status text not null check (status in ('pending_payment', 'paid', 'expired', 'cancelled', 'refunded')),
  channel text not null check (channel in ('online', 'desk')),
  user_id uuid references users (id) on delete set null,
  buyer_email text,
  buyer_name text,
  locale text not null default 'kk',
  idempotency_key text,
  hold_id uuid references holds (id),
  total_tiyn bigint not null check (total_tiyn >= 0),
  vat_tiyn bigint not null check (vat_tiyn >= 0),
  currency text not null default 'KZT',
  payment_due_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  -- a double-clicked "pay" makes one order
  unique (hub_id, idempotency_key)
);
create index orders_user_idx on orders (user_id, created_at desc);
create index orders_pending_idx on orders (payment_due_at) where status = 'pending_payment';

create table order_lines (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id) on delete cascade,
  performance_id uuid not null references performances (id),
  seat_id text,
  area_id uuid references ga_areas (id),
  price_category_code text not null,
  unit_price_tiyn bigint not null check (unit_price_tiyn >= 0),
  vat_rate_bp integer not null,
  -- VAT included in the price, per line
  vat_tiyn bigint not null,
  complimentary boolean not null default false
);
create index order_lines_order_idx on order_lines (order_id);

create table tickets (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  order_id uuid not null references orders (id) on delete cascade,
  order_line_id uuid not null unique references order_lines (id) on delete cascade,
  performance_id uuid not null references performances (id),
  seat_id text,
  status text not null default 'valid' check (status in ('valid', 'refunded')),
  issued_at timestamptz not null default now(),
  refunded_at timestamptz
);
-- The last word against a seat sold twice: one valid ticket per seat and performance.
create unique index tickets_one_per_seat on tickets (performance_id, seat_id) where status = 'valid' and seat_id is not null;
create index tickets_order_idx on tickets (order_id);

create table payments (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id) on delete cascade,
  provider text not null,
  method text not null,
  provider_ref text,
  redirect_url text,
  amount_tiyn bigint not null,
  status text not null check (status in ('pending', 'succeeded', 'declined', 'refunded')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (provider, provider_ref)
);
create index payments_order_idx on payments (order_id);

-- Every provider callback once: a replay finds its id here and changes nothing.
create table payment_callbacks (
  provider text not null,
  event_id text not null,
  received_at timestamptz not null default now(),
  payload jsonb not null,
  primary key (provider, event_id)
);
