// Anyone with a gift voucher checks what is left on it (/:hub/gift-voucher): the balance and
// the last day, nothing else about it.
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { VoucherBalanceDto } from '../../common/api/gift-vouchers.ts';
import { localize } from '../../common/content.ts';
import { formatDate, formatMoney } from '../../common/format.ts';
import { lastValidDay } from '../../common/gift-vouchers.ts';
import { api } from '../api/client.ts';
import { problemMessageKey } from '../api/problems.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import './offers.css';

export function VoucherBalancePage() {
  const { hubSlug = '' } = useParams();
  const { locale, t } = useI18n();
  const { data: hub } = useHubDetail(hubSlug);
  usePageTitle(t('offers.voucher.balanceTitle'));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VoucherBalanceDto | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const id = useId();

  async function check(e: React.FormEvent) {
    e.preventDefault();
    if (busy || !code.trim()) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(
        await api<VoucherBalanceDto>('POST', `/hubs/${encodeURIComponent(hubSlug)}/gift-vouchers/balance`, {
          code: code.trim(),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="voucher-balance-page">
      <h1>{t('offers.voucher.balanceTitle')}</h1>
      {hub && <p className="lead">{localize(hub.name, locale)}</p>}
      <p>{t('offers.voucher.balanceIntro')}</p>
      <form className="form voucher-check" onSubmit={check} noValidate data-testid="voucher-check">
        <div className={`field offer-code${error ? ' field-invalid' : ''}`}>
          <label htmlFor={id}>{t('offers.voucher.code')}</label>
          <input
            id={id}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            placeholder="GV-XXXX-XXXX-XXXX-XXXX"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid="voucher-check-code"
          />
          {error !== undefined && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {t(problemMessageKey(error))}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="voucher-check-submit">
          {t('offers.voucher.check')}
        </button>
      </form>
      {result && (
        <div className="waitlist-state voucher-result" role="status" data-testid="voucher-result">
          <p className="waitlist-big">
            {t('offers.voucher.left', { amount: formatMoney(result.balanceTiyn, locale) })}
          </p>
          {result.validUntil && (
            <p>
              {t('offers.voucher.validThrough', {
                date: formatDate(
                  lastValidDay(result.validUntil),
                  locale,
                  hub?.timeZone ?? 'Asia/Almaty',
                  'long',
                ),
              })}
            </p>
          )}
          <p>
            {t('offers.voucher.howToUse')} <Link to={`/${hubSlug}/program`}>{t('program.title')}</Link>
          </p>
        </div>
      )}
    </div>
  );
}
