// /my/memberships — the signed-in visitor's membership cards across the network: the code,
// the entries left, until when. Beside "my tickets".
import { Link } from 'react-router';
import type { MyMembershipDto } from '../../common/api/memberships.ts';
import { useApi } from '../api/useApi.ts';
import { useHubs } from '../components/hubs.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { cardState, MembershipCard } from './MembershipCard.tsx';
import './offers.css';

export function MyMemberships() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('offers.my.title'));
  const cards = useApi<MyMembershipDto[]>(user ? '/me/memberships' : null);
  const { data: hubs } = useHubs();

  if (user === null)
    return (
      <div className="narrow">
        <h1>{t('offers.my.title')}</h1>
        <p>
          <Link to="/sign-in?next=/my/memberships">{t('offers.my.signIn')}</Link>
        </p>
      </div>
    );
  if (cards.error) return <ErrorNote error={cards.error} onRetry={cards.reload} />;
  if (!cards.data || !user) return <Loading />;

  // Cards still usable first; each group newest first (as the server sends them).
  const list = [...cards.data].sort(
    (a, b) => Number(cardState(a) !== 'active') - Number(cardState(b) !== 'active'),
  );
  const shopHub = list[0]?.hubSlug ?? hubs?.[0]?.slug;
  return (
    <div className="my-memberships">
      <p className="breadcrumb">
        <Link to="/my/tickets">{t('checkout.my.title')}</Link>
      </p>
      <h1>{t('offers.my.title')}</h1>
      {list.length === 0 ? (
        <p data-testid="my-memberships-empty">{t('offers.my.empty')}</p>
      ) : (
        <ul className="membership-cards" data-testid="my-memberships">
          {list.map((c) => {
            const hub = hubs?.find((h) => h.id === c.hubId);
            return (
              <li key={c.id}>
                <MembershipCard
                  card={c}
                  timeZone={hub?.timeZone ?? 'Asia/Almaty'}
                  hubName={hub?.name}
                  discountPercent={c.discountPercent}
                  proof={c.proof}
                />
              </li>
            );
          })}
        </ul>
      )}
      {shopHub && (
        <p>
          <Link to={`/${shopHub}/memberships`}>{t('offers.my.browse')}</Link>
        </p>
      )}
    </div>
  );
}
