/**
 * A message with plural forms, chosen by Intl.PluralRules for the `count` parameter.
 * `other` is always required; each language fills the categories it uses
 * (Kazakh and English: one/other; Russian: one/few/many/other).
 */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | PluralMessage;

/** The shape every catalog shares, derived from the English one: a plain string stays a string, a plural stays a plural. */
export type CatalogOf<T> = { readonly [K in keyof T]: T[K] extends string ? string : PluralMessage };

export type MessageParams = Readonly<Record<string, string | number>>;
