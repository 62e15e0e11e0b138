-- The waiting list of a sold-out performance: when seats or places come back, the first in
-- line gets them held for a while and a mail; if they do not buy in time, the next one does.
create table waitlist_entries (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  performance_id uuid not null references performances (id) on delete cascade,
  user_id uuid references users (id) on delete set null,
  email text not null,
  name text,
  locale text not null default 'kk',
  quantity integer not null check (quantity between 1 and 10),
  status text not null default 'waiting' check (status in ('waiting', 'offered', 'fulfilled', 'expired', 'cancelled')),
  hold_id uuid references holds (id),
  offer_expires_at timestamptz,
  created_at timestamptz not null default clock_timestamp()
);
create index waitlist_line_idx on waitlist_entries (performance_id, created_at) where status in ('waiting', 'offered');
