import { Link } from 'react-router';
import type { PerformanceDto } from '../../common/api/program.ts';
import { useApi } from '../api/useApi.ts';
import { useI18n } from '../i18n/locale.tsx';
import { PerformanceList } from './PerformanceList.tsx';
import { dayKey, hubPath } from './shared.ts';
import './program.css';

/** What is coming up in one space, for the space's page. */
export function SpacePerformances({
  hubSlug,
  spaceSlug,
  timeZone,
}: {
  hubSlug: string;
  spaceSlug: string;
  timeZone: string;
}) {
  const { t } = useI18n();
  const from = dayKey(new Date(), timeZone);
  const program = useApi<PerformanceDto[]>(
    `${hubPath(hubSlug)}/program?space=${encodeURIComponent(spaceSlug)}&from=${from}`,
  );
  const list = (program.data ?? []).slice(0, 6);
  return (
    <section aria-labelledby="space-program-title" className="space-program" data-testid="space-program">
      <h2 id="space-program-title">{t('program.upcomingInSpace')}</h2>
      {program.data && list.length === 0 && <p>{t('program.spaceEmpty')}</p>}
      {list.length > 0 && (
        <PerformanceList performances={list} hubSlug={hubSlug} timeZone={timeZone} headingLevel={3} />
      )}
      <p>
        <Link to={`/${hubSlug}/program?space=${encodeURIComponent(spaceSlug)}`}>
          {t('program.seeAllInSpace')}
        </Link>
      </p>
    </section>
  );
}
