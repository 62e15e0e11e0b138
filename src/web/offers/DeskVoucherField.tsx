// The desk's gift voucher field, by the payment buttons. A full code is looked up as it is
// typed, so the cashier sees what is left on it and how much of this sale it pays.
import { useEffect, useId, useState } from 'react';
import type { GiftVoucherDetailDto } from '../../common/api/gift-vouchers.ts';
import { formatDate, formatMoney } from '../../common/format.ts';
import { lastValidDay, normalizeVoucherCode, voucherShare } from '../../common/gift-vouchers.ts';
import { ApiError, api } from '../api/client.ts';
import { problemMessageKey } from '../api/problems.ts';
import { useI18n } from '../i18n/locale.tsx';
import { isVoucherProblem } from './codes.ts';
import './offers.css';

export function DeskVoucherField({
  hubSlug,
  timeZone,
  value,
  onChange,
  totalTiyn,
  error,
  disabled,
}: {
  hubSlug: string;
  timeZone: string;
  value: string;
  onChange: (value: string) => void;
  /** the sale's total when it is known, to show how it splits */
  totalTiyn: number | undefined;
  error?: unknown;
  disabled?: boolean;
}) {
  const { locale, t } = useI18n();
  const id = useId();
  const [voucher, setVoucher] = useState<GiftVoucherDetailDto | ApiError | undefined>(undefined);
  const code = normalizeVoucherCode(value);

  useEffect(() => {
    setVoucher(undefined);
    if (!code) return;
    let live = true;
    const timer = setTimeout(() => {
      api<GiftVoucherDetailDto>('POST', `/hubs/${encodeURIComponent(hubSlug)}/gift-vouchers/find`, {
        code,
      }).then(
        (v) => live && setVoucher(v),
        (e: unknown) => live && e instanceof ApiError && setVoucher(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [code, hubSlug]);

  const codeError = isVoucherProblem(error) ? t(problemMessageKey(error)) : undefined;
  let info: string | undefined;
  let bad = false;
  if (voucher instanceof ApiError) {
    info = t(problemMessageKey(voucher));
    bad = true;
  } else if (voucher) {
    bad = voucher.state !== 'active' || voucher.balanceTiyn === 0;
    const parts = [
      t('offers.voucher.left', { amount: formatMoney(voucher.balanceTiyn, locale) }),
      voucher.validUntil
        ? t('offers.voucher.until', {
            date: formatDate(lastValidDay(voucher.validUntil), locale, timeZone),
          })
        : '',
      voucher.state === 'void' ? t('offers.vouchers.state.void') : '',
      voucher.state === 'expired' ? t('offers.vouchers.state.expired') : '',
    ];
    if (!bad && totalTiyn !== undefined && totalTiyn > 0) {
      const part = voucherShare(voucher.balanceTiyn, totalTiyn);
      parts.push(
        part === totalTiyn
          ? t('offers.voucher.paysAll')
          : t('offers.voucher.split', {
              voucher: formatMoney(part, locale),
              rest: formatMoney(totalTiyn - part, locale),
            }),
      );
    }
    info = parts.filter(Boolean).join(' · ');
  }
  const describedBy = [`${id}-hint`, codeError ? `${id}-error` : '', info ? `${id}-info` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field desk-code${codeError ? ' field-invalid' : ''}`} data-testid="desk-voucher">
      <label htmlFor={id}>
        {t('offers.voucher.label')} <span className="optional">{t('common.optional')}</span>
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        {t('offers.voucher.deskHint')}
      </p>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        value={value}
        disabled={disabled}
        aria-invalid={codeError ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        data-testid="desk-voucher-input"
      />
      {codeError && (
        <p className="field-error" id={`${id}-error`}>
          {codeError}
        </p>
      )}
      {info && (
        <p
          className={`desk-card-info${bad ? ' desk-card-bad' : ''}`}
          id={`${id}-info`}
          role="status"
          data-testid="desk-voucher-info"
        >
          {info}
        </p>
      )}
    </div>
  );
}
