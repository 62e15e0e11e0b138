-- Fiscal receipts for every money movement, not only ticket orders: an order (its sale and its
-- refund), an exchange at the desk (a refund receipt for the tickets given back, a sale receipt
-- for the new ones), a membership card (sold at the desk or online, and refunded) and a gift
-- voucher sold at the desk (an advance payment).
--
-- The receipt row is its own job: it is written 'pending' in the movement's transaction and
-- becomes 'issued' in the one statement that records what the provider answered. Its id is the
-- provider's idempotency key from the start, so a crash between "issued" and "recorded" gets
-- the same receipt back on the next try. Receipts of one chain (an order with its exchanges, a
-- card, a voucher) are issued in the order they were queued: a refund never precedes its sale.
alter table fiscal_receipts drop constraint fiscal_receipts_order_id_kind_key;
alter table fiscal_receipts
  alter column id set default gen_random_uuid(),
  alter column order_id drop not null,
  alter column provider drop not null,
  alter column number drop not null,
  alter column fiscal_sign drop not null,
  alter column payload drop not null,
  alter column issued_at drop not null,
  add column exchange_id uuid references order_exchanges (id) on delete cascade,
  add column membership_id uuid references memberships (id) on delete cascade,
  add column voucher_id uuid references gift_vouchers (id) on delete cascade,
  -- the order of queueing, which is the order of issue within a chain
  add column seq bigint generated always as identity,
  add column status text not null default 'issued' check (status in ('pending', 'issued', 'failed')),
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz not null default now(),
  add column locked_until timestamptz,
  add column last_error text,
  add column created_at timestamptz not null default now();
update fiscal_receipts set created_at = issued_at;
alter table fiscal_receipts alter column status set default 'pending';
alter table fiscal_receipts
  -- one movement per receipt: an order (with the exchange, for an exchange's receipts), a card or a voucher
  add constraint fiscal_receipts_movement_check
    check (num_nonnulls(order_id, membership_id, voucher_id) = 1 and (exchange_id is null or order_id is not null)),
  add constraint fiscal_receipts_issued_check
    check ((status = 'issued') = (number is not null)
           and (status <> 'issued' or (provider is not null and fiscal_sign is not null and payload is not null and issued_at is not null)));
-- one sale and one refund receipt per movement
create unique index fiscal_receipts_order_kind on fiscal_receipts (order_id, kind) where exchange_id is null;
create unique index fiscal_receipts_exchange_kind on fiscal_receipts (exchange_id, kind);
create unique index fiscal_receipts_membership_kind on fiscal_receipts (membership_id, kind);
create unique index fiscal_receipts_voucher_kind on fiscal_receipts (voucher_id, kind);
create index fiscal_receipts_order_idx on fiscal_receipts (order_id, seq) where order_id is not null;
create index fiscal_receipts_due_idx on fiscal_receipts (next_attempt_at) where status = 'pending';

-- Fiscal jobs not yet done become pending receipts with the job's id (the id the provider has
-- seen, if an attempt got that far), a sale before its refund.
insert into fiscal_receipts (id, hub_id, order_id, kind, status, attempts, next_attempt_at, last_error, created_at)
select j.id, j.hub_id, j.order_id, case j.kind when 'fiscal_sale' then 'sale' else 'refund' end,
       j.status, j.attempts, j.next_attempt_at, j.last_error, j.created_at
  from order_jobs j
 where j.kind in ('fiscal_sale', 'fiscal_refund') and j.status <> 'done'
   and not exists (select 1 from fiscal_receipts r where r.order_id = j.order_id and r.exchange_id is null
                      and r.kind = case j.kind when 'fiscal_sale' then 'sale' else 'refund' end)
 order by j.created_at, j.kind = 'fiscal_refund';
delete from order_jobs where kind in ('fiscal_sale', 'fiscal_refund');
alter table order_jobs drop constraint order_jobs_kind_check;
alter table order_jobs add constraint order_jobs_kind_check check (kind in ('tickets_mail'));

-- A card keeps the VAT rate it was sold at, for its receipts.
alter table memberships add column vat_rate_bp integer;
update memberships m set vat_rate_bp = coalesce(
  (select u.vat_rate_bp from membership_purchases u where u.membership_id = m.id),
  (select v.rate_bp from vat_rates v where v.category = 'standard' and v.valid_from <= m.created_at::date
    order by v.valid_from desc limit 1),
  0);
alter table memberships alter column vat_rate_bp set not null;

-- Receipts of cards bought online move here, under the purchase's id (the id they were issued with).
insert into fiscal_receipts (id, hub_id, membership_id, kind, status, provider, number, fiscal_sign, check_url, payload,
                             issued_at, created_at)
select u.id, u.hub_id, u.membership_id, 'sale', 'issued', case when j.external_id is null then 'unknown' else 'local' end,
       u.fiscal_number, u.fiscal_sign, u.fiscal_check_url, coalesce(j.payload, '{}'::jsonb), u.fiscal_issued_at,
       u.fiscal_issued_at
  from membership_purchases u left join local_fiscal_journal j on j.external_id = u.id::text
 where u.fiscal_number is not null and u.membership_id is not null
 order by u.fiscal_issued_at;
-- Paid cards still waiting for theirs get it from the fiscal queue, under the same id.
insert into fiscal_receipts (id, hub_id, membership_id, kind, created_at)
select u.id, u.hub_id, u.membership_id, 'sale', coalesce(u.paid_at, u.created_at)
  from membership_purchases u
 where u.fiscal_number is null and u.membership_id is not null and u.price_tiyn > 0
 order by u.paid_at;
-- Cards refunded at the payment provider had no refund receipt: they get it now.
insert into fiscal_receipts (hub_id, membership_id, kind)
select u.hub_id, u.membership_id, 'refund'
  from membership_purchases u
 where u.status = 'refunded' and u.membership_id is not null and u.price_tiyn > 0
 order by u.paid_at;
alter table membership_purchases
  drop column fiscal_number,
  drop column fiscal_sign,
  drop column fiscal_check_url,
  drop column fiscal_issued_at;
