-- Door check-in. A ticket is inside or not; every scan is kept, with its own id made by the
-- scanning device, so a batch synced twice after being offline is recorded once.
alter table tickets add column inside boolean not null default false;
alter table tickets add column first_entry_at timestamptz;

create table checkins (
  id uuid primary key,
  hub_id uuid not null references hubs (id) on delete cascade,
  performance_id uuid not null references performances (id) on delete cascade,
  ticket_id uuid references tickets (id) on delete cascade,
  device_id text not null,
  direction text not null check (direction in ('in', 'out')),
  scanned_at timestamptz not null,
  received_at timestamptz not null default now(),
  verdict text not null check (verdict in ('valid', 'already_used', 'wrong_event', 'refunded', 'forged', 'not_inside')),
  -- for an already-used entry: the scan that let the ticket in first (possibly from another device)
  first_scan_id uuid
);
create index checkins_performance_idx on checkins (performance_id, scanned_at);
create index checkins_ticket_idx on checkins (ticket_id, scanned_at);
