-- Memberships and passes: a plan (e.g. the annual "Friend of ÓzgeEpic" pass with N free
-- entries, or a student discount that needs proof at the door) and the cards issued from it.
create table membership_plans (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name jsonb not null,
  kind text not null check (kind in ('pass', 'discount')),
  entries integer check (entries > 0),
  discount_bp integer check (discount_bp between 1 and 10000),
  valid_days integer not null check (valid_days between 1 and 3660),
  price_tiyn bigint not null check (price_tiyn >= 0),
  -- what the door must see, e.g. a student card; null when nothing
  proof jsonb,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (hub_id, slug),
  check ((kind = 'pass') = (entries is not null)),
  check ((kind = 'discount') = (discount_bp is not null))
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  plan_id uuid not null references membership_plans (id),
  -- printed on the card and typed at checkout
  code text not null unique,
  holder_name text not null,
  holder_email text,
  user_id uuid references users (id) on delete set null,
  valid_from timestamptz not null default now(),
  valid_until timestamptz not null,
  entries_left integer check (entries_left >= 0),
  price_tiyn bigint not null,
  vat_tiyn bigint not null,
  payment_method text not null,
  issued_by uuid references users (id) on delete set null,
  status text not null default 'active' check (status in ('active', 'cancelled')),
  created_at timestamptz not null default now()
);
create index memberships_hub_idx on memberships (hub_id, created_at desc);

alter table orders add column membership_id uuid references memberships (id);
-- what the door must ask to see for this order's tickets (e.g. a student card), from the card's plan
alter table orders add column proof jsonb;
alter table tickets add column proof jsonb;
