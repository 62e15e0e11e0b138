// One gift voucher for staff: its balance, how it was issued, its ledger (every use and return
// with its order), and voiding it or mailing it again.
import { useId, useState } from 'react';
import type { GiftVoucherDetailDto } from '../../common/api/gift-vouchers.ts';
import { formatDate, formatDateTime, formatMoney } from '../../common/format.ts';
import { lastValidDay } from '../../common/gift-vouchers.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNote, Notice } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { type Translate, useI18n } from '../i18n/locale.tsx';
import { issuedHow } from './GiftVoucherIssue.tsx';

type Entry = GiftVoucherDetailDto['entries'][number];

function entryText(e: Entry, t: Translate): string {
  if (e.kind === 'use') return t('offers.vouchers.entry.use', { number: e.orderNumber ?? '—' });
  if (e.kind === 'return') return t('offers.vouchers.entry.return', { number: e.orderNumber ?? '—' });
  if (e.kind === 'void') return t('offers.vouchers.entry.void', { reason: e.note ?? '' });
  return t('offers.vouchers.entry.issue');
}

export function GiftVoucherDetail({
  hubSlug,
  timeZone,
  voucher,
  onChange,
}: {
  hubSlug: string;
  timeZone: string;
  voucher: GiftVoucherDetailDto;
  onChange: (v: GiftVoucherDetailDto) => void;
}) {
  const { locale, t } = useI18n();
  const base = `/hubs/${encodeURIComponent(hubSlug)}/gift-vouchers/${voucher.id}`;
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [mailTo, setMailTo] = useState(voucher.recipientEmail ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [sent, setSent] = useState<string | undefined>(undefined);
  const headingId = useId();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const voidIt = () =>
    run(async () => {
      if (!reason.trim()) {
        setReasonMissing(true);
        return;
      }
      setReasonMissing(false);
      onChange(await api<GiftVoucherDetailDto>('POST', `${base}/void`, { reason: reason.trim() }));
      setVoiding(false);
    });
  const mail = () =>
    run(async () => {
      const r = await api<{ sentTo: string }>('POST', `${base}/mail`, {
        ...(mailTo.trim() ? { email: mailTo.trim() } : {}),
        locale,
      });
      setSent(r.sentTo);
    });

  return (
    <section className="voucher-detail" aria-labelledby={headingId} data-testid="voucher-detail">
      <h3 id={headingId}>
        <code className="offers-code">{voucher.code}</code>{' '}
        <span className={`status-tag ${voucher.state === 'active' ? 'status-published' : 'status-draft'}`}>
          {t(`offers.vouchers.state.${voucher.state}`)}
        </span>
      </h3>
      <dl className="membership-facts voucher-facts">
        <div>
          <dt>{t('offers.vouchers.col.left')}</dt>
          <dd data-testid="voucher-balance">
            {t('offers.vouchers.balanceOf', {
              balance: formatMoney(voucher.balanceTiyn, locale),
              initial: formatMoney(voucher.initialTiyn, locale),
            })}
          </dd>
        </div>
        {voucher.validUntil && (
          <div>
            <dt>{t('offers.vouchers.col.validUntil')}</dt>
            <dd>{formatDate(lastValidDay(voucher.validUntil), locale, timeZone)}</dd>
          </div>
        )}
        <div>
          <dt>{t('offers.vouchers.how')}</dt>
          <dd>{issuedHow(voucher, t)}</dd>
        </div>
        {(voucher.buyerName || voucher.recipientName) && (
          <div>
            <dt>{t('offers.vouchers.fromTo')}</dt>
            <dd>{[voucher.buyerName ?? '—', voucher.recipientName ?? '—'].join(' → ')}</dd>
          </div>
        )}
      </dl>
      <TableWrap label={t('offers.vouchers.history')}>
        <table data-testid="voucher-history">
          <caption className="visually-hidden">{t('offers.vouchers.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('offers.vouchers.col.when')}</th>
              <th scope="col">{t('offers.vouchers.col.what')}</th>
              <th scope="col" className="num">
                {t('offers.vouchers.col.amount')}
              </th>
              <th scope="col" className="num">
                {t('offers.vouchers.col.after')}
              </th>
            </tr>
          </thead>
          <tbody>
            {voucher.entries.map((e) => (
              <tr
                key={`${e.at}-${e.kind}-${e.balanceAfterTiyn}-${e.orderId ?? ''}`}
                data-testid="voucher-entry"
              >
                <td>{formatDateTime(new Date(e.at), locale, timeZone, 'short', 'short')}</td>
                <td>{entryText(e, t)}</td>
                <td className="num">
                  {e.amountTiyn > 0 ? '+' : e.amountTiyn < 0 ? '−' : ''}
                  {formatMoney(Math.abs(e.amountTiyn), locale)}
                </td>
                <td className="num">{formatMoney(e.balanceAfterTiyn, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {error !== undefined && <ErrorNote error={error} />}
      {sent && <Notice>{t('offers.vouchers.sent', { email: sent })}</Notice>}
      {voucher.state !== 'void' && (
        <div className="voucher-actions">
          <div className="voucher-mail">
            <Field
              label={t('offers.vouchers.email')}
              name="voucherMailTo"
              type="email"
              maxLength={254}
              value={mailTo}
              onChange={setMailTo}
            />
            <button
              type="button"
              className="button button-secondary"
              disabled={busy || !mailTo.trim()}
              onClick={() => void mail()}
              data-testid="voucher-mail"
            >
              {t('offers.vouchers.mail')}
            </button>
          </div>
          {voiding ? (
            <div className="voucher-void">
              <Field
                label={t('offers.vouchers.voidReason')}
                name="voucherVoidReason"
                hint={t('offers.vouchers.voidHint')}
                required
                maxLength={500}
                value={reason}
                onChange={setReason}
                error={reasonMissing ? t('validation.required') : undefined}
              />
              <div className="pay-buttons">
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={() => void voidIt()}
                  data-testid="voucher-void-confirm"
                >
                  {t('offers.vouchers.voidConfirm')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setVoiding(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              className="link-button"
              onClick={() => setVoiding(true)}
              data-testid="voucher-void"
            >
              {t('offers.vouchers.void')}
            </button>
          )}
        </div>
      )}
      {voucher.state === 'void' && voucher.voidReason && (
        <p className="muted">{t('offers.vouchers.entry.void', { reason: voucher.voidReason })}</p>
      )}
    </section>
  );
}
