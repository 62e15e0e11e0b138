import { Link, useParams } from 'react-router';
import { localize } from '../../common/content.ts';
import { ApiError } from '../api/client.ts';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { SpacePerformances } from '../program/SpacePerformances.tsx';
import { NotFound } from './NotFound.tsx';
import { SpaceIcon } from './SpaceIcon.tsx';
import { useHubDetail } from './useHubDetail.ts';

export function SpacePage() {
  const { hubSlug, spaceSlug } = useParams();
  const { locale, t } = useI18n();
  const { data: hub, error, reload } = useHubDetail(hubSlug);
  const space = hub?.spaces.find((s) => s.slug === spaceSlug);
  usePageTitle(space && hub ? `${localize(space.name, locale)} · ${localize(hub.name, locale)}` : undefined);

  if (error instanceof ApiError && error.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!hub) return <Loading />;
  if (!space) return <NotFound />;

  const hubName = localize(hub.name, locale);
  const others = hub.spaces.filter((s) => s.id !== space.id);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/${hub.slug}`}>{t('space.backToHub', { hub: hubName })}</Link>
      </p>
      <article className={`space space-${space.kind}`} aria-labelledby="space-title">
        <SpaceIcon kind={space.kind} />
        <h1 id="space-title">
          <Localized text={space.name} />
        </h1>
        <p className="lead">
          <Localized text={space.description} />
        </p>
        {space.kind === 'games' && (
          <p>
            <Link className="button" to={`/${hub.slug}/games/togyz`} data-testid="togyz-link">
              {t('togyz.playLink')}
            </Link>
          </p>
        )}
      </article>
      <SpacePerformances hubSlug={hub.slug} spaceSlug={space.slug} timeZone={hub.timeZone} />
      {others.length > 0 && (
        <nav aria-labelledby="other-spaces-title" className="other-spaces">
          <h2 id="other-spaces-title">{t('space.otherSpaces')}</h2>
          <ul>
            {others.map((s) => (
              <li key={s.id}>
                <Link to={`/${hub.slug}/spaces/${s.slug}`}>
                  <Localized text={s.name} />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
