// The back office's "Gift vouchers": issue one (sold at the desk or free), find one by its code
// to see its ledger, void or mail it, and the latest vouchers with what is still to be spent.
import { useId, useState } from 'react';
import type {
  GiftVoucherDetailDto,
  GiftVoucherDto,
  GiftVoucherListDto,
} from '../../common/api/gift-vouchers.ts';
import { localize } from '../../common/content.ts';
import { formatDate, formatMoney } from '../../common/format.ts';
import { lastValidDay } from '../../common/gift-vouchers.ts';
import { can } from '../../common/permissions.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { useBackOffice } from '../back-office/context.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { GiftVoucherDetail } from './GiftVoucherDetail.tsx';
import { GiftVoucherIssue } from './GiftVoucherIssue.tsx';
import '../program/program.css';
import './offers.css';

export function GiftVouchers() {
  const { locale, t } = useI18n();
  const { hub, grants } = useBackOffice();
  usePageTitle(`${t('offers.vouchers.nav')} · ${localize(hub.name, locale)}`);
  const base = `/hubs/${encodeURIComponent(hub.slug)}/gift-vouchers`;
  const list = useApi<GiftVoucherListDto>(base);
  const [open, setOpen] = useState<GiftVoucherDetailDto | undefined>(undefined);
  const [code, setCode] = useState('');
  const [finding, setFinding] = useState(false);
  const [findError, setFindError] = useState<unknown>(undefined);
  const findId = useId();

  async function show(load: () => Promise<GiftVoucherDetailDto>) {
    setFinding(true);
    setFindError(undefined);
    try {
      setOpen(await load());
      requestAnimationFrame(() => document.getElementById('voucher-detail-anchor')?.scrollIntoView());
    } catch (e) {
      setFindError(e);
      setOpen(undefined);
    } finally {
      setFinding(false);
    }
  }
  const find = (e: React.FormEvent) => {
    e.preventDefault();
    if (code.trim()) void show(() => api('POST', `${base}/find`, { code: code.trim() }));
  };
  const replace = (v: GiftVoucherDto) =>
    list.data &&
    list.setData({ ...list.data, vouchers: list.data.vouchers.map((x) => (x.id === v.id ? v : x)) });

  return (
    <div className="offers-bo vouchers-bo">
      <h1>{t('offers.vouchers.nav')}</h1>
      <p>{t('offers.vouchers.intro')}</p>
      {list.data && (
        <p className="voucher-outstanding" data-testid="voucher-outstanding">
          {t('offers.vouchers.outstanding', { amount: formatMoney(list.data.outstandingTiyn, locale) })}
        </p>
      )}
      <GiftVoucherIssue
        hubSlug={hub.slug}
        timeZone={hub.timeZone}
        canSell={can(grants, 'boxOffice.sell', hub.id)}
        onIssued={() => list.reload()}
      />

      <section className="offers-block" aria-labelledby="voucher-find-title">
        <h2 id="voucher-find-title">{t('offers.vouchers.find')}</h2>
        <form className="voucher-find" onSubmit={find} data-testid="voucher-find">
          <div className="field">
            <label htmlFor={findId}>{t('offers.voucher.code')}</label>
            <input
              id={findId}
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="voucher-find-code"
            />
          </div>
          <button type="submit" className="button" disabled={finding}>
            {t('offers.vouchers.findButton')}
          </button>
        </form>
        {findError !== undefined && <ErrorNote error={findError} />}
        <div id="voucher-detail-anchor" />
        {open && (
          <GiftVoucherDetail
            key={open.id}
            hubSlug={hub.slug}
            timeZone={hub.timeZone}
            voucher={open}
            onChange={(v) => {
              setOpen(v);
              replace(v);
              list.reload();
            }}
          />
        )}
      </section>

      <section className="offers-block" aria-labelledby="voucher-list-title">
        <h2 id="voucher-list-title">{t('offers.vouchers.latest')}</h2>
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.vouchers.length === 0 ? (
          <p className="empty">{t('offers.vouchers.none')}</p>
        ) : (
          <TableWrap label={t('offers.vouchers.latest')}>
            <table data-testid="voucher-list">
              <thead>
                <tr>
                  <th scope="col">{t('offers.voucher.code')}</th>
                  <th scope="col">{t('offers.vouchers.col.recipient')}</th>
                  <th scope="col" className="num">
                    {t('offers.vouchers.col.value')}
                  </th>
                  <th scope="col" className="num">
                    {t('offers.vouchers.col.left')}
                  </th>
                  <th scope="col">{t('offers.vouchers.col.validUntil')}</th>
                  <th scope="col">{t('offers.vouchers.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.vouchers.map((v) => (
                  <tr
                    key={v.id}
                    className={v.state === 'active' ? '' : 'offers-off'}
                    data-testid="voucher-row"
                  >
                    <td>
                      <button
                        type="button"
                        className="link-button offers-code"
                        onClick={() => void show(() => api('GET', `${base}/${v.id}`))}
                      >
                        {v.code}
                      </button>
                    </td>
                    <td>{v.recipientName ?? '—'}</td>
                    <td className="num">{formatMoney(v.initialTiyn, locale)}</td>
                    <td className="num">{formatMoney(v.balanceTiyn, locale)}</td>
                    <td>
                      {v.validUntil ? formatDate(lastValidDay(v.validUntil), locale, hub.timeZone) : '—'}
                    </td>
                    <td>{t(`offers.vouchers.state.${v.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
