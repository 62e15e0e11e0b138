import { localize } from '../../common/content.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { SpaceIcon } from '../pages/SpaceIcon.tsx';
import { useBackOffice } from './context.ts';
import { SpaceEditor } from './SpaceEditor.tsx';

export function Spaces() {
  const { locale, t } = useI18n();
  const { hub, reloadHub } = useBackOffice();
  usePageTitle(`${t('bo.nav.spaces')} · ${localize(hub.name, locale)}`);
  return (
    <>
      <h1>{t('bo.nav.spaces')}</h1>
      <p>{t('bo.spaces.intro')}</p>
      <ul className="editor-list">
        {hub.spaces.map((s) => (
          <li key={s.id}>
            <details>
              <summary>
                <SpaceIcon kind={s.kind} />
                {localize(s.name, locale)}
              </summary>
              <SpaceEditor hubSlug={hub.slug} space={s} onSaved={reloadHub} />
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
