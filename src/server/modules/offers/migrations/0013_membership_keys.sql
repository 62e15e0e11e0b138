-- A double-pressed "sell card" makes one card; plans can be taken off sale.
alter table memberships add column idempotency_key text;
create unique index memberships_idempotency_key on memberships (hub_id, idempotency_key) where idempotency_key is not null;
