-- The program: events, their performances in the hub's spaces, prices, and capacity
-- (general-admission areas and seats). The capacity tables also hold who has claimed what,
-- so that "never oversold, never a seat sold twice" is guarded by the database itself.
create table events (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,80}$'),
  kind text not null check (kind in ('exhibition', 'concert', 'literary_evening', 'theater', 'workshop_class', 'tournament')),
  title jsonb not null,
  description jsonb not null default '{}',
  age_rating text not null default '0+' check (age_rating in ('0+', '6+', '12+', '16+', '18+')),
  -- languages the event itself is held in, for the program filter
  languages text[] not null default '{}',
  image_url text,
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  created_at timestamptz not null default now(),
  unique (hub_id, slug)
);
create index events_hub_idx on events (hub_id, status);

create table performances (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  event_id uuid not null references events (id) on delete cascade,
  space_id uuid not null references spaces (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- minutes a visitor's held seats stay theirs before returning to sale
  hold_minutes integer not null default 10 check (hold_minutes between 1 and 120),
  status text not null default 'on_sale' check (status in ('on_sale', 'sales_closed', 'cancelled')),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index performances_hub_idx on performances (hub_id, starts_at);
create index performances_event_idx on performances (event_id, starts_at);

create table price_categories (
  id uuid primary key default gen_random_uuid(),
  performance_id uuid not null references performances (id) on delete cascade,
  code text not null check (code ~ '^[A-Za-z0-9_-]{1,20}$'),
  name jsonb not null,
  price_tiyn bigint not null check (price_tiyn >= 0),
  vat_category text not null default 'standard',
  unique (performance_id, code)
);

-- General admission: a number of places; `taken` counts held and sold ones.
create table ga_areas (
  id uuid primary key default gen_random_uuid(),
  performance_id uuid not null references performances (id) on delete cascade,
  name jsonb not null,
  price_category_code text not null,
  capacity integer not null check (capacity >= 0),
  taken integer not null default 0,
  check (taken >= 0 and taken <= capacity),
  foreign key (performance_id, price_category_code) references price_categories (performance_id, code)
);
create index ga_areas_performance_idx on ga_areas (performance_id);

-- The seats of one performance (copied from the space's seat map when it is created).
create table seats (
  performance_id uuid not null references performances (id) on delete cascade,
  id text not null,
  section text not null,
  row_label text not null,
  number integer not null,
  x real not null,
  y real not null,
  price_category_code text not null,
  wheelchair boolean not null default false,
  primary key (performance_id, id),
  foreign key (performance_id, price_category_code) references price_categories (performance_id, code)
);

-- Who has a seat: at most one claim per seat, by primary key. A claim is a visitor's hold
-- (expires), a manager's block (house, press, broken), or a sale.
create table seat_claims (
  performance_id uuid not null,
  seat_id text not null,
  kind text not null check (kind in ('hold', 'block', 'sold')),
  -- the hold, order or block reason that owns the claim
  owner_id uuid,
  reason text,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (performance_id, seat_id),
  foreign key (performance_id, seat_id) references seats (performance_id, id) on delete cascade,
  check ((kind = 'hold') = (expires_at is not null))
);
create index seat_claims_owner_idx on seat_claims (owner_id);

-- Seat maps of a space, reusable by its performances (JSON format documented in the README).
create table seat_maps (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  space_id uuid not null references spaces (id) on delete cascade,
  name text not null,
  layout jsonb not null,
  created_at timestamptz not null default now(),
  unique (space_id, name)
);
