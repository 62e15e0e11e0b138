-- Exchanges at the desk: some tickets of a paid order given back for other seats or places
-- (same performance or another), in one transaction with the price difference paid or handed
-- back. The order keeps its number; its lines and payments tell the whole story.
create table order_exchanges (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  order_id uuid not null references orders (id) on delete cascade,
  -- a double-pressed "exchange" makes one exchange
  idempotency_key text,
  reason text not null,
  -- where the new tickets are
  performance_id uuid not null references performances (id),
  -- what the given-back tickets had cost, what the new ones cost; the difference is paid by
  -- the buyer when positive and handed back when negative
  returned_tiyn bigint not null check (returned_tiyn >= 0),
  issued_tiyn bigint not null check (issued_tiyn >= 0),
  difference_tiyn bigint not null,
  -- how the difference was settled at the desk, when there was one
  method text check (method in ('cash', 'card')),
  payment_id uuid references payments (id),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (hub_id, idempotency_key),
  check (difference_tiyn = issued_tiyn - returned_tiyn),
  check ((difference_tiyn = 0) = (payment_id is null))
);
create index order_exchanges_order_idx on order_exchanges (order_id, created_at);

-- A line given back in an exchange no longer counts (its ticket is void); a line that came in
-- with one says so. Reports and the receipt read the lines not given back.
alter table order_lines add column returned_in_exchange uuid references order_exchanges (id);
alter table order_lines add column issued_in_exchange uuid references order_exchanges (id);
create index order_lines_issued_in_exchange_idx on order_lines (issued_in_exchange) where issued_in_exchange is not null;

-- An exchanged ticket is void like a refunded one; the door says which.
alter table tickets drop constraint tickets_status_check;
alter table tickets add constraint tickets_status_check check (status in ('valid', 'refunded', 'exchanged'));
alter table checkins drop constraint checkins_verdict_check;
alter table checkins add constraint checkins_verdict_check
  check (verdict in ('valid', 'already_used', 'wrong_event', 'refunded', 'exchanged', 'forged', 'not_inside'));
