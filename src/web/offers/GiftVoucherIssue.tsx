// "Issue a gift voucher": its value, sold (cash or card, box office only) or free with a reason,
// who it is from and for, where to mail it, and its last day. The code comes out big enough to
// write on a card.
import { useEffect, useId, useRef, useState } from 'react';
import type { GiftVoucherDto } from '../../common/api/gift-vouchers.ts';
import { formatDate, formatMoney } from '../../common/format.ts';
import { lastValidDay } from '../../common/gift-vouchers.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { useForm } from '../components/useForm.ts';
import { type Check, checkEmail, checkRequired } from '../components/validate.ts';
import { type Translate, useI18n } from '../i18n/locale.tsx';
import { postWithKey } from '../program/post.ts';
import { tengeToTiyn } from './codes.ts';
import { FiscalNote } from './FiscalNote.tsx';

type How = 'cash' | 'card' | 'free';
type IssueField = 'value' | 'reason' | 'recipientEmail' | 'validUntil';
const MAX_TIYN = 10_000_000_00;

export function GiftVoucherIssue({
  hubSlug,
  timeZone,
  canSell,
  onIssued,
}: {
  hubSlug: string;
  timeZone: string;
  /** box-office staff take money; others may only give vouchers free */
  canSell: boolean;
  onIssued: (v: GiftVoucherDto) => void;
}) {
  const { locale, t } = useI18n();
  const form = useForm<IssueField>();
  const [value, setValue] = useState('');
  const [how, setHow] = useState<How>(canSell ? 'cash' : 'free');
  const [reason, setReason] = useState('');
  const [buyerName, setBuyerName] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [recipientEmail, setRecipientEmail] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [issued, setIssued] = useState<GiftVoucherDto | undefined>(undefined);
  const key = useRef<string | undefined>(undefined);
  const issuedRef = useRef<HTMLDivElement>(null);
  const ids = { value: useId(), until: useId(), how: useId() };
  // The new code takes the focus, so a screen reader reads it out at once.
  useEffect(() => {
    if (issued) issuedRef.current?.focus();
  }, [issued]);

  const tiyn = tengeToTiyn(value);
  const checks: Partial<Record<IssueField, Check>> = {
    value: !(tiyn >= 100 && tiyn <= MAX_TIYN) ? { key: 'offers.vouchers.valueRule' } : undefined,
    reason: how === 'free' ? checkRequired(reason) : undefined,
    recipientEmail: recipientEmail.trim() ? checkEmail(recipientEmail) : undefined,
  };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (form.busy) return;
    await form.submit(checks, async () => {
      // One key per voucher: a double press or a retry after a lost answer issues one.
      key.current ??= crypto.randomUUID();
      const v = await postWithKey<GiftVoucherDto>(
        `/hubs/${encodeURIComponent(hubSlug)}/gift-vouchers`,
        key.current,
        {
          valueTiyn: tiyn,
          ...(how === 'free' ? { complimentary: { reason: reason.trim() } } : { payment: { method: how } }),
          ...(buyerName.trim() ? { buyerName: buyerName.trim() } : {}),
          ...(recipientName.trim() ? { recipientName: recipientName.trim() } : {}),
          ...(recipientEmail.trim() ? { recipientEmail: recipientEmail.trim() } : {}),
          ...(validUntil ? { validUntil } : {}),
          locale,
        },
      );
      key.current = undefined;
      setIssued(v);
      onIssued(v);
    });
  }

  function another() {
    setIssued(undefined);
    setValue('');
    setReason('');
    setBuyerName('');
    setRecipientName('');
    setRecipientEmail('');
    setValidUntil('');
    requestAnimationFrame(() => document.getElementById(ids.value)?.focus());
  }

  if (issued) {
    return (
      <div className="offers-form voucher-issued" ref={issuedRef} tabIndex={-1} data-testid="voucher-issued">
        <p className="membership-sold-label">{t('offers.vouchers.codeLabel')}</p>
        <p className="membership-code" data-testid="voucher-issued-code">
          {issued.code}
        </p>
        <dl className="membership-facts">
          <div>
            <dt>{t('offers.vouchers.col.value')}</dt>
            <dd>{formatMoney(issued.initialTiyn, locale)}</dd>
          </div>
          {issued.validUntil && (
            <div>
              <dt>{t('offers.vouchers.col.validUntil')}</dt>
              <dd>{formatDate(lastValidDay(issued.validUntil), locale, timeZone)}</dd>
            </div>
          )}
          <div>
            <dt>{t('offers.vouchers.how')}</dt>
            <dd>{issuedHow(issued, t)}</dd>
          </div>
        </dl>
        {issued.issueKind === 'sold' && <FiscalNote fiscal={issued.fiscal} testId="voucher-fiscal" />}
        {issued.recipientEmail && <p>{t('offers.vouchers.mailed', { email: issued.recipientEmail })}</p>}
        <button
          type="button"
          className="button button-secondary"
          onClick={another}
          data-testid="voucher-another"
        >
          {t('offers.vouchers.another')}
        </button>
      </div>
    );
  }

  const err = (f: IssueField) => form.fieldError(f);
  return (
    <form className="form offers-form" onSubmit={onSubmit} noValidate data-testid="voucher-form">
      <h3>{t('offers.vouchers.issue')}</h3>
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      <div className={`field${err('value') ? ' field-invalid' : ''}`}>
        <label htmlFor={ids.value}>{t('offers.vouchers.value')}</label>
        <input
          id={ids.value}
          name="voucherValue"
          inputMode="decimal"
          autoComplete="off"
          className="voucher-value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={err('value') ? true : undefined}
          aria-describedby={err('value') ? `${ids.value}-error` : undefined}
          data-testid="voucher-value"
        />
        {err('value') && (
          <p className="field-error" id={`${ids.value}-error`}>
            {err('value')}
          </p>
        )}
      </div>
      <fieldset className="voucher-how">
        <legend>{t('offers.vouchers.how')}</legend>
        {(canSell ? (['cash', 'card', 'free'] as const) : (['free'] as const)).map((h) => (
          <label key={h} className="check">
            <input
              type="radio"
              name={ids.how}
              value={h}
              checked={how === h}
              onChange={() => setHow(h)}
              data-testid={`voucher-how-${h}`}
            />
            {t(`offers.vouchers.how.${h}`)}
          </label>
        ))}
        <p className="field-hint">
          {how === 'free' ? t('offers.vouchers.freeHint') : t('offers.vouchers.vatHint')}
        </p>
      </fieldset>
      {how === 'free' && (
        <Field
          label={t('offers.vouchers.reason')}
          name="voucherReason"
          required
          maxLength={200}
          value={reason}
          onChange={setReason}
          error={err('reason')}
        />
      )}
      <div className="form-row">
        <Field
          label={
            <>
              {t('offers.vouchers.buyer')} <span className="optional">{t('common.optional')}</span>
            </>
          }
          name="voucherBuyer"
          maxLength={100}
          value={buyerName}
          onChange={setBuyerName}
        />
        <Field
          label={
            <>
              {t('offers.vouchers.recipient')} <span className="optional">{t('common.optional')}</span>
            </>
          }
          name="voucherRecipient"
          maxLength={100}
          value={recipientName}
          onChange={setRecipientName}
        />
      </div>
      <Field
        label={
          <>
            {t('offers.vouchers.email')} <span className="optional">{t('common.optional')}</span>
          </>
        }
        name="voucherEmail"
        type="email"
        maxLength={254}
        hint={t('offers.vouchers.emailHint')}
        value={recipientEmail}
        onChange={setRecipientEmail}
        error={err('recipientEmail')}
      />
      <div className={`field${err('validUntil') ? ' field-invalid' : ''}`}>
        <label htmlFor={ids.until}>
          {t('offers.vouchers.validUntil')} <span className="optional">{t('common.optional')}</span>
        </label>
        <p className="field-hint" id={`${ids.until}-hint`}>
          {t('offers.vouchers.validHint')}
        </p>
        <input
          id={ids.until}
          name="voucherValidUntil"
          type="date"
          lang={locale}
          value={validUntil}
          onChange={(e) => setValidUntil(e.target.value)}
          aria-describedby={`${ids.until}-hint`}
          aria-invalid={err('validUntil') ? true : undefined}
        />
        {err('validUntil') && <p className="field-error">{err('validUntil')}</p>}
      </div>
      <button type="submit" className="button" disabled={form.busy} data-testid="voucher-submit">
        {form.busy
          ? t('common.saving')
          : how !== 'free' && tiyn > 0
            ? t(how === 'cash' ? 'offers.vouchers.sellCash' : 'offers.vouchers.sellCard', {
                amount: formatMoney(tiyn, locale),
              })
            : t('offers.vouchers.create')}
      </button>
    </form>
  );
}

export function issuedHow(v: GiftVoucherDto, t: Translate): string {
  if (v.issueKind === 'complimentary') return t('offers.vouchers.freeBecause', { reason: v.reason ?? '' });
  return v.paymentMethod === 'card' ? t('offers.vouchers.soldCard') : t('offers.vouchers.soldCash');
}
