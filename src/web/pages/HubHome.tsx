import { Link, useParams } from 'react-router';
import { localize } from '../../common/content.ts';
import { ApiError } from '../api/client.ts';
import { useHubs } from '../components/hubs.tsx';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from './NotFound.tsx';
import { SpaceIcon } from './SpaceIcon.tsx';
import { useHubDetail } from './useHubDetail.ts';

export function HubHome() {
  const { hubSlug } = useParams();
  const { locale, t } = useI18n();
  const { data: hub, error, reload } = useHubDetail(hubSlug);
  const { data: hubs } = useHubs();
  usePageTitle(hub ? localize(hub.name, locale) : undefined);

  if (error instanceof ApiError && error.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!hub) return <Loading />;

  const others = (hubs ?? []).filter((h) => h.id !== hub.id);
  return (
    <>
      <section className="hero" aria-labelledby="hub-title">
        <p className="eyebrow">{t('home.city', { city: localize(hub.city, locale) })}</p>
        <h1 id="hub-title">
          <Localized text={hub.name} />
        </h1>
        <p className="lead">
          <Localized text={hub.description} />
        </p>
        <p>
          <Link className="button" to={`/${hub.slug}/program`} data-testid="program-link">
            {t('program.nav')}
          </Link>{' '}
          <Link
            className="button button-secondary"
            to={`/${hub.slug}/memberships`}
            data-testid="memberships-link"
          >
            {t('offers.shop.nav')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="spaces-title">
        <h2 id="spaces-title">
          {t('home.spaces')}{' '}
          <span className="count">{t('home.spaceCount', { count: hub.spaces.length })}</span>
        </h2>
        {hub.spaces.length === 0 ? (
          <p>{t('home.noSpaces')}</p>
        ) : (
          <ul className="cards" data-testid="space-cards">
            {hub.spaces.map((s) => (
              <li key={s.id} className={`card card-${s.kind}`}>
                <SpaceIcon kind={s.kind} />
                <h3>
                  <Link to={`/${hub.slug}/spaces/${s.slug}`} className="card-link">
                    <Localized text={s.name} />
                  </Link>
                </h3>
                <p className="card-text">
                  <Localized text={s.description} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {others.length > 0 && (
        <section aria-labelledby="other-hubs-title" className="other-hubs">
          <h2 id="other-hubs-title">{t('home.otherHubs')}</h2>
          <ul>
            {others.map((h) => (
              <li key={h.id}>
                <Link to={`/${h.slug}`}>
                  <Localized text={h.name} />
                </Link>{' '}
                <span className="muted">
                  <Localized text={h.city} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
