import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type MessageKey, type MessageParams, t as translate } from '../../common/i18n/index.ts';
import { DEFAULT_LOCALE, htmlLang, isLocale, type Locale, negotiateLocale } from '../../common/locales.ts';

const STORAGE_KEY = 'locale';
const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled
  }
}

/** The language chosen on this device before, if any. */
export function storedLocale(): Locale | undefined {
  const stored = readStorage() ?? readCookie(STORAGE_KEY);
  return isLocale(stored) ? stored : undefined;
}

function initialLocale(): Locale {
  return (
    storedLocale() ?? negotiateLocale(navigator.languages?.join(',') || navigator.language) ?? DEFAULT_LOCALE
  );
}

function remember(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // the cookie below still remembers it
  }
  // The server reads this cookie to write mail and pages in the same language.
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser we support
  document.cookie = `${STORAGE_KEY}=${encodeURIComponent(locale)}; path=/; max-age=${COOKIE_MAX_AGE}; samesite=lax`;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  /** Switches the UI language and remembers the choice on this device. */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    remember(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside LocaleProvider');
  return ctx;
}
