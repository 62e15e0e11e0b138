import type { LocalizedTextDto } from '../../common/api/schemas.ts';
import { htmlLang, LOCALE_NAMES, LOCALES, type Locale } from '../../common/locales.ts';
import { useI18n } from '../i18n/locale.tsx';
import { Field } from './Field.tsx';

export type LocalizedDraft = Record<Locale, string>;

export function draftOf(text: LocalizedTextDto | undefined): LocalizedDraft {
  return { kk: text?.kk ?? '', 'kk-Latn': text?.['kk-Latn'] ?? '', ru: text?.ru ?? '', en: text?.en ?? '' };
}

/** Only the languages that have text; the server derives kk-Latn and falls back for the rest. */
export function textOf(draft: LocalizedDraft): LocalizedTextDto {
  const out: LocalizedTextDto = {};
  for (const l of LOCALES) {
    const v = draft[l].trim();
    if (v) out[l] = v;
  }
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
