/**
 * The languages of the product: Kazakh in Cyrillic (the default), Kazakh in the
 * 2021 Latin alphabet, Russian and English.
 */
export const LOCALES = ['kk', 'kk-Latn', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'kk';

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

/** Each language's name in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  kk: 'Қазақша',
  'kk-Latn': 'Qazaqşa',
  ru: 'Русский',
  en: 'English',
};

/** BCP 47 tag for the html lang attribute. */
export function htmlLang(locale: Locale): string {
  return locale;
}

/**
 * Maps one BCP 47 tag (any case, any region) to a supported locale:
 * kk-Latn, kk-Latn-KZ → kk-Latn; kk, kk-KZ, kk-Cyrl → kk; ru-* → ru; en-* → en.
 */
export function localeFromTag(tag: string): Locale | undefined {
  const subtags = tag.trim().toLowerCase().replaceAll('_', '-').split('-');
  switch (subtags[0]) {
    case 'kk':
      return subtags.includes('latn') ? 'kk-Latn' : 'kk';
    case 'ru':
      return 'ru';
    case 'en':
      return 'en';
    default:
      return undefined;
  }
}

/** Picks the best locale from an Accept-Language header, honouring q-values. */
export function negotiateLocale(acceptLanguageHeader: string | undefined): Locale {
  if (!acceptLanguageHeader) return DEFAULT_LOCALE;
  const ranges: { locale: Locale; q: number; index: number }[] = [];
  acceptLanguageHeader.split(',').forEach((part, index) => {
    const [tag = '', ...params] = part.split(';');
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key?.toLowerCase() === 'q')
        q = value !== undefined && /^\d(\.\d{0,3})?$/.test(value) ? Number(value) : 0;
    }
    const locale = localeFromTag(tag);
    // q=0 means "not acceptable"; a malformed q is treated the same.
    if (locale && q > 0) ranges.push({ locale, q, index });
  });
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges[0]?.locale ?? DEFAULT_LOCALE;
}
