-- Who runs a hub in law, as its receipts name the seller: the registered name and address (per
-- language), the BIN (an individual entrepreneur's IIN has the same form) and, for a VAT payer,
-- the VAT registration certificate. All empty until entered; the check digit is checked by the app.
alter table hubs add column legal_name jsonb;
alter table hubs add column bin text check (bin ~ '^[0-9]{12}$');
alter table hubs add column legal_address jsonb;
alter table hubs add column vat_payer boolean not null default false;
alter table hubs add column vat_certificate_series text;
alter table hubs add column vat_certificate_number text;
alter table hubs add constraint hubs_legal_whole
  check ((legal_name is null) = (bin is null) and (bin is null) = (legal_address is null));
alter table hubs add constraint hubs_vat_certificate
  check ((vat_certificate_series is null) = (vat_certificate_number is null)
         and (vat_certificate_series is null or vat_payer));
