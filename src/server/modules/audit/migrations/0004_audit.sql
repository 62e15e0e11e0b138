-- Append-only record of staff actions: who, what, which record, which hub, when.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  hub_id uuid references hubs (id) on delete cascade,
  actor_id uuid references users (id) on delete set null,
  action text not null,
  entity_type text not null,
  entity_id text,
  details jsonb not null default '{}'
);
create index audit_log_hub_idx on audit_log (hub_id, id desc);
