-- Promo codes: an amount off, a percentage off, or one free ticket, with a limit on uses that
-- the database enforces (uses never passes max_uses, however many buyers race for the last one).
create table promo_codes (
  id uuid primary key default gen_random_uuid(),
  hub_id uuid not null references hubs (id) on delete cascade,
  code text not null check (code ~ '^[A-Za-z0-9_-]{3,40}$'),
  kind text not null check (kind in ('amount', 'percent', 'free_ticket')),
  amount_tiyn bigint check (amount_tiyn > 0),
  percent_bp integer check (percent_bp between 1 and 10000),
  max_uses integer check (max_uses > 0),
  uses integer not null default 0,
  -- only for this event, when set
  event_id uuid references events (id) on delete cascade,
  valid_until timestamptz,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check (uses >= 0 and (max_uses is null or uses <= max_uses)),
  check ((kind = 'amount') = (amount_tiyn is not null)),
  check ((kind = 'percent') = (percent_bp is not null))
);
create unique index promo_codes_code_key on promo_codes (hub_id, upper(code));

alter table orders add column promo_code_id uuid references promo_codes (id);
alter table order_lines add column discount_tiyn bigint not null default 0;
