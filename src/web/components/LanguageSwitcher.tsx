import { htmlLang, LOCALE_NAMES, LOCALES } from '../../common/locales.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

export function LanguageSwitcher() {
  const { locale, t } = useI18n();
  const { changeLocale } = useSession();
  return (
    <fieldset className="lang-switcher">
      <legend className="visually-hidden">{t('header.language')}</legend>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={htmlLang(l)}
          aria-pressed={l === locale}
          data-locale={l}
          onClick={() => changeLocale(l)}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </fieldset>
  );
}
