import { LOCALES, type Locale } from './locales.ts';
import { kazakhToLatin } from './translit.ts';

/** A content field (a name, a description) stored per language. */
export type LocalizedText = Partial<Record<Locale, string>>;

/** 'kk-Latn-derived' marks Latin text produced from the Cyrillic on the fly. */
type Source = Locale | 'kk-Latn-derived';

// Which stored language to show, in order, when the wanted one is missing. A reader of
// Kazakh in Latin script prefers the Kazakh derived from Cyrillic to another language;
// hand-written kk-Latn comes last for the others because it is rarely the only text.
const FALLBACK: Record<Locale, readonly Source[]> = {
  'kk-Latn': ['kk-Latn', 'kk-Latn-derived', 'ru', 'en'],
  kk: ['kk', 'ru', 'en', 'kk-Latn'],
  ru: ['ru', 'kk', 'en', 'kk-Latn'],
  en: ['en', 'ru', 'kk', 'kk-Latn'],
};

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The text to show for a locale and the language it is actually in, so the page can
 * mark a fallback with its own lang attribute. Null when the field has no text at all.
 */
export function resolveLocalized(
  text: LocalizedText | null | undefined,
  locale: Locale,
): { text: string; locale: Locale } | null {
  if (!text) return null;
  for (const source of FALLBACK[locale]) {
    if (source === 'kk-Latn-derived') {
      const kk = text.kk;
      if (present(kk)) return { text: kazakhToLatin(kk), locale: 'kk-Latn' };
      continue;
    }
    const value = text[source];
    if (present(value)) return { text: value, locale: source };
  }
  return null;
}

/** The text to show for a locale, with fallback; empty string when there is none. */
export function localize(text: LocalizedText | null | undefined, locale: Locale): string {
  return resolveLocalized(text, locale)?.text ?? '';
}

/** Fills kk-Latn from kk when it is missing (applied before saving). Does not mutate. */
export function withLatin(text: LocalizedText): LocalizedText {
  const kk = text.kk;
  if (present(text['kk-Latn']) || !present(kk)) return { ...text };
  return { ...text, 'kk-Latn': kazakhToLatin(kk) };
}

/** Locales with no text of their own (blank counts as missing), in LOCALES order. */
export function missingLocales(text: LocalizedText | null | undefined): Locale[] {
  return LOCALES.filter((l) => !present(text?.[l]));
}
