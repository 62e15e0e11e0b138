import type { Locale } from './locales.ts';
import { kazakhToLatin } from './translit.ts';

/**
 * Dates, numbers and money per locale with Intl. Every date function takes the IANA
 * time zone explicitly (a hub has one; Astana is 'Asia/Almaty'), so the server and
 * the browser print the same wall-clock time.
 *
 * kk and kk-Latn use kk-KZ data; Intl has none for kk-Latn, so its output is
 * formatted in Cyrillic and transliterated. ru uses ru-KZ (ru alone shows "KZT"
 * instead of ₸). en uses en-GB: day before month and a 24-hour clock, as people in
 * Kazakhstan read dates in every language.
 */
const INTL_LOCALE: Record<Locale, string> = { kk: 'kk-KZ', 'kk-Latn': 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };
// Numbers and money in Kazakh are written as in Russian (1 234 567,50 ₸); ru-KZ data is in
// every browser, while some (Chromium) ship no Kazakh data at all and fall back to "₸ 1,234,567.50".
const NUMBER_LOCALE: Record<Locale, string> = { kk: 'ru-KZ', 'kk-Latn': 'ru-KZ', ru: 'ru-KZ', en: 'en-GB' };

export type DateStyle = 'short' | 'medium' | 'long' | 'full';

/** The locale tag Intl should use for a product locale. */
export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale];
}

function script(locale: Locale, formatted: string): string {
  return locale === 'kk-Latn' ? kazakhToLatin(formatted) : formatted;
}

// Building an Intl formatter is costly compared with using one; lists format many values.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const tag = NUMBER_LOCALE[locale];
  return cached(`n|${tag}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag, options));
}

function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = INTL_LOCALE[locale];
  return cached(`d|${tag}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));
}

/**
 * Money given in tiyn (1 ₸ = 100 tiyn), shown with the ₸ sign in every locale;
 * whole tenge without decimals: 123456700 → "1 234 567 ₸" (kk, ru), "₸1,234,567" (en).
 */
export function formatMoney(tiyn: number | bigint, locale: Locale): string {
  if (typeof tiyn === 'number' && !Number.isSafeInteger(tiyn)) {
    throw new RangeError(`Money must be a whole number of tiyn, got ${tiyn}`);
  }
  const minor = BigInt(tiyn);
  const abs = minor < 0n ? -minor : minor;
  const whole = abs / 100n;
  const cents = abs % 100n;
  // A decimal string keeps every digit of amounts beyond 2^53 tiyn.
  const amount = `${minor < 0n ? '-' : ''}${whole}${cents === 0n ? '' : `.${cents.toString().padStart(2, '0')}`}`;
  const digits = cents === 0n ? 0 : 2;
  const f = numberFormat(locale, {
    style: 'currency',
    currency: 'KZT',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return f.format(amount as Intl.StringNumericLiteral);
}

export function formatNumber(
  n: number | bigint,
  locale: Locale,
  options: Intl.NumberFormatOptions = {},
): string {
  return numberFormat(locale, options).format(n);
}

/** Whether this runtime's Intl knows Kazakh (Node does; Chromium ships without it). */
const hasKazakhData = /[а-яәіңғүұқөһ]/i.test(
  new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 15)),
);

function format(
  date: Date | number,
  locale: Locale,
  timeZone: string,
  dateStyle?: DateStyle,
  timeStyle?: DateStyle,
): string {
  if ((locale === 'kk' || locale === 'kk-Latn') && !hasKazakhData) {
    return script(locale, formatKazakh(date, timeZone, dateStyle, timeStyle));
  }
  return script(locale, dateTimeFormat(locale, { dateStyle, timeStyle, timeZone }).format(date));
}

export function formatDate(
  date: Date | number,
  locale: Locale,
  timeZone: string,
  style: DateStyle = 'medium',
): string {
  return format(date, locale, timeZone, style);
}

export function formatDateTime(
  date: Date | number,
  locale: Locale,
  timeZone: string,
  dateStyle: DateStyle = 'medium',
  timeStyle: DateStyle = 'short',
): string {
  return format(date, locale, timeZone, dateStyle, timeStyle);
}

export function formatTime(
  date: Date | number,
  locale: Locale,
  timeZone: string,
  style: DateStyle = 'short',
): string {
  return format(date, locale, timeZone, undefined, style);
}

const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
const KK_WEEKDAYS = ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'];

/**
 * Kazakh dates as CLDR writes them ("2026 ж. 8 наурыз, жексенбі, 19:05"), built from the
 * numeric parts of the date in the time zone, for runtimes whose Intl has no Kazakh data.
 */
export function formatKazakh(
  date: Date | number,
  timeZone: string,
  dateStyle?: DateStyle,
  timeStyle?: DateStyle,
): string {
  const parts = Object.fromEntries(
    cached(
      `kkparts|${timeZone}`,
      () =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone,
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'shortOffset',
        }),
    )
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const month = Number(parts.month) - 1;
  const day = Number(parts.day);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  const two = (n: number) => String(n).padStart(2, '0');
  const monthName = KK_MONTHS[month] ?? '';
  const datePart = {
    short: `${two(day)}.${two(month + 1)}.${String(parts.year).slice(-2)}`,
    medium: `${parts.year} ж. ${two(day)} ${monthName.slice(0, 3)}.`,
    long: `${parts.year} ж. ${day} ${monthName}`,
    full: `${parts.year} ж. ${day} ${monthName}, ${KK_WEEKDAYS[weekday] ?? ''}`,
  };
  const hm = `${parts.hour}:${parts.minute}`;
  const timePart = {
    short: hm,
    medium: `${hm}:${parts.second}`,
    long: `${hm}:${parts.second} ${parts.timeZoneName}`,
    full: `${hm}:${parts.second} ${parts.timeZoneName}`,
  };
  return [dateStyle && datePart[dateStyle], timeStyle && timePart[timeStyle]].filter(Boolean).join(', ');
}

/** The plural category (CLDR) of a number, for choosing the right UI string. */
export function pluralCategory(n: number, locale: Locale): Intl.LDMLPluralRule {
  const tag = INTL_LOCALE[locale];
  return cached(`p|${tag}`, () => new Intl.PluralRules(tag)).select(n);
}
