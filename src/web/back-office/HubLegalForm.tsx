// The hub's legal details, which receipts print as the seller: registered name and address in
// each language, the BIN (checked by its check digit here and on the server) and VAT registration.
import { useId, useState } from 'react';
import type { HubDetailDto, HubDto, HubLegalDto } from '../../common/api/schemas.ts';
import { isValidBin } from '../../common/bin.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { draftOf, isBlank, LocalizedFields, textOf } from '../components/LocalizedFields.tsx';
import { Notice } from '../components/Status.tsx';
import { useForm } from '../components/useForm.ts';
import type { Check } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';

type LegalField = 'legal.name' | 'legal.bin' | 'legal.address' | 'legal.vatCertificate';

const SERIES = /^[0-9]{1,10}$/;
const NUMBER = /^[0-9]{1,12}$/;

export function HubLegalForm({ hub, onSaved }: { hub: HubDetailDto; onSaved: () => void }) {
  const { t } = useI18n();
  const vatId = useId();
  const [saved, setSaved] = useState<HubLegalDto | null>(hub.legal);
  const [name, setName] = useState(() => draftOf(hub.legal?.name));
  const [bin, setBin] = useState(hub.legal?.bin ?? '');
  const [address, setAddress] = useState(() => draftOf(hub.legal?.address));
  const [vatPayer, setVatPayer] = useState(hub.legal?.vatPayer ?? false);
  const [series, setSeries] = useState(hub.legal?.vatCertificate?.series ?? '');
  const [number, setNumber] = useState(hub.legal?.vatCertificate?.number ?? '');
  const [done, setDone] = useState(false);
  const form = useForm<LegalField>();

  function certificateCheck(): Check {
    if (!vatPayer || (series.trim() === '' && number.trim() === '')) return undefined;
    return SERIES.test(series.trim()) && NUMBER.test(number.trim())
      ? undefined
      : { key: 'validation.digits' };
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setDone(false);
    const compactBin = bin.replace(/\s/g, '');
    const checks: Partial<Record<LegalField, Check>> = {
      'legal.name': isBlank(name) ? { key: 'validation.oneLanguage' } : undefined,
      'legal.bin': isValidBin(compactBin) ? undefined : { key: 'validation.bin' },
      'legal.address': isBlank(address) ? { key: 'validation.oneLanguage' } : undefined,
      'legal.vatCertificate': certificateCheck(),
    };
    await form.submit(checks, async () => {
      const withCertificate = vatPayer && series.trim() !== '';
      const updated = await api<HubDto>('PATCH', `/hubs/${hub.slug}`, {
        legal: {
          name: textOf(name, saved?.name),
          bin: compactBin,
          address: textOf(address, saved?.address),
          vatPayer,
          vatCertificate: withCertificate ? { series: series.trim(), number: number.trim() } : null,
        },
      });
      const legal = updated.legal;
      setSaved(legal);
      setName(draftOf(legal?.name));
      setAddress(draftOf(legal?.address));
      setBin(legal?.bin ?? '');
      setDone(true);
      onSaved();
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="hub-legal-form">
      {!saved && (
        <p className="alert alert-info" data-testid="hub-legal-missing">
          {t('bo.settings.legalMissing')}
        </p>
      )}
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      {done && <Notice>{t('bo.settings.legalSaved')}</Notice>}
      <LocalizedFields
        legend={t('bo.settings.legalName')}
        name="legalName"
        maxLength={300}
        value={name}
        onChange={setName}
        error={form.fieldError('legal.name')}
      />
      <Field
        label={t('bo.settings.bin')}
        name="bin"
        required
        inputMode="numeric"
        autoComplete="off"
        maxLength={15}
        hint={t('bo.settings.binHint')}
        value={bin}
        onChange={setBin}
        error={form.fieldError('legal.bin')}
      />
      <LocalizedFields
        legend={t('bo.settings.legalAddress')}
        name="legalAddress"
        multiline
        maxLength={500}
        value={address}
        onChange={setAddress}
        error={form.fieldError('legal.address')}
      />
      <label className="check" htmlFor={vatId}>
        <input
          id={vatId}
          type="checkbox"
          name="vatPayer"
          checked={vatPayer}
          onChange={(e) => setVatPayer(e.target.checked)}
        />
        {t('bo.settings.vatPayer')}
      </label>
      {vatPayer && (
        <fieldset
          className={form.fieldError('legal.vatCertificate') ? 'field-invalid' : undefined}
          data-testid="hub-vat-certificate"
        >
          <legend>
            {t('bo.settings.vatCertificate')} <span className="optional">{t('common.optional')}</span>
          </legend>
          <p className="field-hint">{t('bo.settings.vatCertificateHint')}</p>
          {form.fieldError('legal.vatCertificate') && (
            <p className="field-error" role="alert">
              {form.fieldError('legal.vatCertificate')}
            </p>
          )}
          <div className="form-row">
            <Field
              label={t('bo.settings.vatSeries')}
              name="vatSeries"
              inputMode="numeric"
              maxLength={10}
              value={series}
              onChange={setSeries}
            />
            <Field
              label={t('bo.settings.vatNumber')}
              name="vatNumber"
              inputMode="numeric"
              maxLength={12}
              value={number}
              onChange={setNumber}
            />
          </div>
        </fieldset>
      )}
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
