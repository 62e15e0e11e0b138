import type { LocalizedTextDto } from '../../common/api/schemas.ts';
import { htmlLang, LOCALE_NAMES, LOCALES, type Locale } from '../../common/locales.ts';
import { kazakhToLatin } from '../../common/translit.ts';
import { useI18n } from '../i18n/locale.tsx';
import { Field } from './Field.tsx';

export type LocalizedDraft = Record<Locale, string>;

export function draftOf(text: LocalizedTextDto | undefined): LocalizedDraft {
  return { kk: text?.kk ?? '', 'kk-Latn': text?.['kk-Latn'] ?? '', ru: text?.ru ?? '', en: text?.en ?? '' };
}

/**
 * Only the languages that have text; the server derives kk-Latn and falls back for the rest.
 * A kk-Latn text that is still the one derived from the saved Cyrillic is left out, so the
 * server derives it afresh when the Cyrillic changes instead of keeping a stale copy.
 */
export function textOf(draft: LocalizedDraft, saved?: LocalizedTextDto): LocalizedTextDto {
  const out: LocalizedTextDto = {};
  for (const l of LOCALES) {
    const v = draft[l].trim();
    if (v) out[l] = v;
  }
  const savedKk = saved?.kk?.trim();
  if (savedKk && out['kk-Latn'] === kazakhToLatin(savedKk)) delete out['kk-Latn'];
  return out;
}

export function isBlank(draft: LocalizedDraft): boolean {
  return LOCALES.every((l) => draft[l].trim() === '');
}

interface Props {
  legend: string;
  name: string;
  value: LocalizedDraft;
  onChange: (value: LocalizedDraft) => void;
  multiline?: boolean;
  maxLength?: number;
  error?: string | undefined;
  optional?: boolean;
}

/** One content field in the four languages, each input marked with its language. */
export function LocalizedFields({
  legend,
  name,
  value,
  onChange,
  multiline,
  maxLength,
  error,
  optional,
}: Props) {
  const { t } = useI18n();
  return (
    <fieldset className={`localized${error ? ' field-invalid' : ''}`}>
      <legend>
        {legend}
        {optional && <span className="optional"> {t('common.optional')}</span>}
      </legend>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="localized-grid">
        {LOCALES.map((l) => (
          <Field
            key={l}
            name={`${name}.${l}`}
            label={t('bo.spaces.inLanguage', { field: legend, language: LOCALE_NAMES[l] })}
            lang={htmlLang(l)}
            multiline={multiline}
            maxLength={maxLength}
            value={value[l]}
            onChange={(v) => onChange({ ...value, [l]: v })}
          />
        ))}
      </div>
    </fieldset>
  );
}
