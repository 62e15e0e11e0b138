// A signed-in visitor's tickets across the network, upcoming first.
import { Link } from 'react-router';
import type { OrderDto } from '../../common/api/box-office.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime } from '../../common/format.ts';
import { useApi } from '../api/useApi.ts';
import { useHubs } from '../components/hubs.tsx';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { orderState } from './OrderPage.tsx';
import { lineSeatName } from './shared.ts';
import { usePerformances } from './usePerformances.ts';
import './program.css';

export function MyTickets() {
  const { locale, t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('checkout.my.title'));
  const orders = useApi<OrderDto[]>(user ? '/me/orders' : null);
  const { data: hubs } = useHubs();
  const slugOf = (hubId: string) => hubs?.find((h) => h.id === hubId)?.slug;
  const wanted = (orders.data ?? []).flatMap((o) => {
    const slug = slugOf(o.hubId);
    return slug ? o.lines.map((l) => ({ hubSlug: slug, id: l.performanceId })) : [];
  });
  const perfs = usePerformances(wanted);

  if (user === null)
    return (
      <div className="narrow">
        <h1>{t('checkout.my.title')}</h1>
        <p>
          <Link to="/sign-in?next=/my/tickets">{t('checkout.my.signIn')}</Link>
        </p>
      </div>
    );
  if (orders.error) return <ErrorNote error={orders.error} onRetry={orders.reload} />;
  if (!orders.data || !user) return <Loading />;

  const now = Date.now();
  const entries = orders.data.map((o) => {
    const perf = perfs.get(o.lines[0]?.performanceId ?? '');
    const starts = perf ? new Date(perf.startsAt).getTime() : new Date(o.createdAt).getTime();
    const ends = perf ? new Date(perf.endsAt).getTime() : starts;
    return { o, perf, starts, upcoming: ends > now };
  });
  const upcoming = entries.filter((e) => e.upcoming).sort((a, b) => a.starts - b.starts);
  const past = entries.filter((e) => !e.upcoming).sort((a, b) => b.starts - a.starts);

  const render = (list: typeof entries, testid: string) => (
    <ul className="my-orders" data-testid={testid}>
      {list.map(({ o, perf }) => {
        const hub = hubs?.find((h) => h.id === o.hubId);
        const state = orderState(o);
        const tz = hub?.timeZone ?? 'Asia/Almaty';
        return (
          <li key={o.id} className="my-order" data-testid="my-order">
            <h3>
              {perf ? <Localized text={perf.eventTitle} /> : t('checkout.order.title', { number: o.number })}
            </h3>
            {perf && (
              <p>
                <time dateTime={perf.startsAt}>
                  {formatDateTime(new Date(perf.startsAt), locale, tz, 'full', 'short')}
                </time>
                {' · '}
                <Localized text={perf.spaceName} />
                {hub && <span className="muted"> · {localize(hub.name, locale)}</span>}
              </p>
            )}
            <p className="muted">
              {o.tickets
                .filter((tk) => tk.status === 'valid')
                .map((tk) => {
                  const line = o.lines.find((l) => l.id === tk.lineId);
                  return tk.seatId && line ? lineSeatName(locale, line) : t('checkout.my.place');
                })
                .join('; ')}
            </p>
            <p>
              <span className={`avail avail-${state === 'paid' ? 'on_sale' : 'few_left'}`}>
                {t(`checkout.state.${state}`)}
              </span>{' '}
              {hub && (
                <Link to={`/orders/${o.id}?hub=${hub.slug}`}>
                  {t('checkout.my.open', { number: o.number })}
                </Link>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );

  return (
    <div className="my-tickets">
      <h1>{t('checkout.my.title')}</h1>
      <p>
        <Link to="/my/memberships" data-testid="my-memberships-link">
          {t('offers.my.title')}
        </Link>
      </p>
      {orders.data.length === 0 ? (
        <p>{t('checkout.my.empty')}</p>
      ) : (
        <>
          <h2>{t('checkout.my.upcoming')}</h2>
          {upcoming.length ? (
            render(upcoming, 'my-upcoming')
          ) : (
            <p className="muted">{t('checkout.my.noUpcoming')}</p>
          )}
          {past.length > 0 && (
            <>
              <h2>{t('checkout.my.past')}</h2>
              {render(past, 'my-past')}
            </>
          )}
        </>
      )}
    </div>
  );
}
