import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OrderDto } from '../../common/api/box-office.ts';
import type { PerformanceDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime } from '../../common/format.ts';
import { useApi } from '../api/useApi.ts';
import { useBackOffice } from '../back-office/context.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { DeskMembershipSale } from '../offers/DeskMembershipSale.tsx';
import { PerformancePicker } from './PerformancePicker.tsx';
import { RefundPanel } from './RefundPanel.tsx';
import { SalePanel } from './SalePanel.tsx';
import { SoldPanel } from './SoldPanel.tsx';
import './desk.css';

export const SEARCH_FIELD_ID = 'desk-find-performance';

/**
 * The box-office desk: find a performance, pick seats or places, take cash or card (or
 * issue complimentary tickets), print or email the tickets; and refunds with a reason.
 */
export function Desk() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  usePageTitle(`${t('desk.title')} · ${localize(hub.name, locale)}`);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'refund' ? 'refund' : 'sell';
  const performanceId = params.get('performance') ?? undefined;
  const [sold, setSold] = useState<OrderDto | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const { data: picked, reload: reloadPerformance } = useApi<PerformanceDto>(
    performanceId ? `/hubs/${encodeURIComponent(hub.slug)}/performances/${performanceId}` : null,
  );
  const performance = picked?.id === performanceId ? picked : undefined;
  // What is left changed: the performance and the list both show it.
  const reload = useCallback(() => {
    reloadPerformance();
    setVersion((v) => v + 1);
  }, [reloadPerformance]);

  const setTab = (next: 'sell' | 'refund') => {
    const p = new URLSearchParams(params);
    if (next === 'refund') p.set('tab', 'refund');
    else p.delete('tab');
    setParams(p, { replace: true });
  };
  const pick = useCallback(
    (p: PerformanceDto) => {
      setSold(undefined);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('performance', p.id);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // F2 goes back to the search from anywhere on the desk.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        document.getElementById(SEARCH_FIELD_ID)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const tabs = [
    { id: 'sell', label: t('desk.tab.sell') },
    { id: 'refund', label: t('desk.tab.refund') },
  ] as const;

  return (
    <div className="desk" data-testid="desk">
      <div className="desk-top">
        <h1>{t('desk.title')}</h1>
        <fieldset className="desk-tabs">
          <legend className="visually-hidden">{t('desk.mode')}</legend>
          {tabs.map((x) => (
            <button
              key={x.id}
              type="button"
              className={`desk-tab${tab === x.id ? ' desk-tab-current' : ''}`}
              aria-pressed={tab === x.id}
              onClick={() => setTab(x.id)}
              data-testid={`desk-tab-${x.id}`}
            >
              {x.label}
            </button>
          ))}
        </fieldset>
      </div>
      {tab === 'refund' ? (
        <RefundPanel hubSlug={hub.slug} timeZone={hub.timeZone} />
      ) : (
        <div className="desk-grid">
          <section className="desk-find" aria-labelledby="desk-find-heading">
            <h2 id="desk-find-heading" className="desk-h2">
              {t('desk.performances')}
            </h2>
            <PerformancePicker
              hubSlug={hub.slug}
              timeZone={hub.timeZone}
              selectedId={performanceId}
              onPick={pick}
              inputId={SEARCH_FIELD_ID}
              testId="desk-picker"
              version={version}
            />
            <p className="desk-keys">
              <kbd>F2</kbd> {t('desk.key.find')} · <kbd>↑</kbd>
              <kbd>↓</kbd> <kbd>Enter</kbd> {t('desk.key.pick')}
            </p>
            <DeskMembershipSale hubSlug={hub.slug} timeZone={hub.timeZone} />
          </section>
          <section className="desk-sale" aria-labelledby="desk-sale-heading">
            <h2 id="desk-sale-heading" className="desk-h2">
              {performance
                ? `${localize(performance.eventTitle, locale)} · ${formatDateTime(new Date(performance.startsAt), locale, hub.timeZone)}`
                : t('desk.sale')}
            </h2>
            {sold && performance ? (
              <SoldPanel
                order={sold}
                hubSlug={hub.slug}
                performance={performance}
                onNext={() => {
                  setSold(undefined);
                  reload();
                }}
              />
            ) : performance ? (
              <SalePanel
                key={performance.id}
                hubSlug={hub.slug}
                performance={performance}
                onSold={(order) => {
                  rememberOrder(order);
                  setSold(order);
                }}
                onChanged={reload}
              />
            ) : (
              <p className="desk-empty">{t('desk.pickFirst')}</p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

const RECENT_KEY = 'desk.recentOrders';

/** Orders sold on this desk, newest first: number → id, so a refund can start from the number on a receipt. */
export function recentOrders(): { number: number; id: string }[] {
  try {
    const raw = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? raw.filter(
          (x): x is { number: number; id: string } =>
            typeof x === 'object' && x !== null && typeof x.number === 'number' && typeof x.id === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

function rememberOrder(order: OrderDto): void {
  try {
    const list = [{ number: order.number, id: order.id }, ...recentOrders().filter((o) => o.id !== order.id)];
    localStorage.setItem(RECENT_KEY, JSON.stringify(list.slice(0, 200)));
  } catch {
    // storage may be off: refunds by id still work
  }
}

// The keys the sale panel binds; shown on its buttons.
export const KEYS = { cash: 'F8', card: 'F9', complimentary: 'F4', clear: 'Escape' } as const;

/** A ref that always holds the latest value, for key handlers bound once. */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
