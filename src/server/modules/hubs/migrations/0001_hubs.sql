-- Hubs are the tenants of the network; every other record belongs to one.
create table hubs (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name jsonb not null,
  city jsonb not null,
  description jsonb not null default '{}',
  time_zone text not null,
  -- clock time, not transaction time, so hubs opened in one transaction keep their order
  created_at timestamptz not null default clock_timestamp()
);

-- The public directory of a hub's spaces (theater, hall, gallery, ...).
create table spaces (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  kind text not null check (kind in ('ethno_museum', 'workshop', 'hall', 'gallery', 'theater', 'games', 'bookstore')),
  name jsonb not null,
  description jsonb not null default '{}',
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  unique (hub_id, slug)
);
