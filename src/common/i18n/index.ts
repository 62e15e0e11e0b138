import type { Locale } from '../locales.ts';
import { en, type MessageKey } from './en.ts';
import { kk } from './kk.ts';
import { kkLatn } from './kk-Latn.ts';
import { ru } from './ru.ts';
import type { CatalogOf, Message, MessageParams } from './types.ts';

export type { MessageKey } from './en.ts';
export type { Message, MessageParams, PluralMessage } from './types.ts';

export type Catalog = CatalogOf<typeof en>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { kk, 'kk-Latn': kkLatn, ru, en };

// kk-Latn shares Kazakh grammar, so its plural rules are those of kk.
const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralRulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale === 'kk-Latn' ? 'kk' : locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The plural categories a language needs, e.g. one/few/many/other for Russian. */
export function pluralCategories(locale: Locale): readonly Intl.LDMLPluralRule[] {
  return pluralRulesFor(locale).resolvedOptions().pluralCategories;
}

function pick(message: Message, locale: Locale, params: MessageParams | undefined): string {
  if (typeof message === 'string') return message;
  const count = Number(params?.count ?? 0);
  return message[pluralRulesFor(locale).select(count)] ?? message.other;
}

/**
 * The UI string for `key` in `locale`, with `{name}` placeholders filled from `params`.
 * A plural message picks its form by `params.count`. Unknown placeholders stay visible,
 * so a missing parameter shows up in review instead of vanishing.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message: Message = CATALOGS[locale][key] ?? en[key];
  const text = pick(message, locale, params);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Placeholder names used by one message (all plural forms together). */
export function placeholders(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const m of String(text).matchAll(/\{(\w+)\}/g)) names.add(m[1] as string);
  return names;
}
