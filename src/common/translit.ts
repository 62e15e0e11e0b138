/**
 * Kazakh Cyrillic → Kazakh Latin (the 2021 alphabet of 31 letters), letter by letter.
 *
 *   А→A  Ә→Ä  Б→B  В→V  Г→G  Ғ→Ğ  Д→D  Е→E  Ж→J  З→Z  И→İ/i  Й→İ/i  К→K  Қ→Q
 *   Л→L  М→M  Н→N  Ң→Ñ  О→O  Ө→Ö  П→P  Р→R  С→S  Т→T  У→U  Ұ→Ū  Ү→Ü  Ф→F
 *   Х→H  Һ→H  Ы→Y  І→I/ı (dotless lower case)  Ш→Ş
 *
 * Letters outside the 2021 table (they occur in Russian loans and names). Our choice
 * keeps names recognisable and spells the iotated vowels as Й + vowel, so they follow
 * the İ/i rule of Й:
 *
 *   Ц→Ts  Ч→Ch  Щ→Şş  Ё→İo  Ю→İu  Я→İa  Э→E  Ъ, Ь→(dropped)
 *
 * A two-letter result is written in capitals when the word is (ЦУМ→TSUM, ЯНВАРЬ→İANVAR)
 * and in title case otherwise (Цой→Tsoi, Я→İa).
 * Everything that is not Kazakh Cyrillic passes through unchanged.
 */

const LOWER: Readonly<Record<string, string>> = {
  а: 'a',
  ә: 'ä',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'ğ',
  д: 'd',
  е: 'e',
  ё: 'io',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'ñ',
  о: 'o',
  ө: 'ö',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'ū',
  ү: 'ü',
  ф: 'f',
  х: 'h',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'ş',
  щ: 'şş',
  ъ: '',
  ы: 'y',
  і: 'ı',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

// Upper case is derived with the Turkish rules, so и→i→İ and і→ı→I come out right.
const UPPER: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LOWER).map(([cyr, lat]) => [cyr.toUpperCase(), latinUpper(lat)]),
);
const TITLE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LOWER).map(([cyr, lat]) => [cyr.toUpperCase(), latinUpper(lat.slice(0, 1)) + lat.slice(1)]),
);

const UPPER_LETTER = /^\p{Lu}$/u;
const LETTER = /^\p{L}$/u;

/** Kazakh Cyrillic → 2021 Kazakh Latin, preserving case; other characters unchanged. */
export function kazakhToLatin(text: string): string {
  // Composed form, so that a decomposed й (и + breve) or ё is seen as one letter.
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const lower = LOWER[ch];
    if (lower !== undefined) {
      out += lower;
      continue;
    }
    const upper = UPPER[ch];
    if (upper === undefined) {
      out += ch;
      continue;
    }
    out += upper.length > 1 && !isAllCapsAt(chars, i) ? (TITLE[ch] as string) : upper;
  }
  return out;
}

// An upper-case letter belongs to an all-caps word when the next letter is upper case,
// or, at the end of a word, when the previous one is.
function isAllCapsAt(chars: readonly string[], i: number): boolean {
  const next = chars[i + 1];
  if (next !== undefined && LETTER.test(next)) return UPPER_LETTER.test(next);
  const prev = chars[i - 1];
  return prev !== undefined && UPPER_LETTER.test(prev);
}

/** Lower case with the Turkish rules the Kazakh Latin alphabet shares: İ→i, I→ı. */
export function latinLower(text: string): string {
  return text.toLocaleLowerCase('tr');
}

/** Upper case with the Turkish rules: i→İ, ı→I. */
export function latinUpper(text: string): string {
  return text.toLocaleUpperCase('tr');
}

// Older and keyboard-friendly spellings, folded to the same key as the 2021 letters.
const DIGRAPHS: readonly [RegExp, string][] = [
  [/sh/g, 's'],
  [/ch/g, 'c'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
];
// Letters without a Unicode decomposition; ə and ɵ stand in for ә and ө in some Kazakh texts.
const BASE_LETTERS: Readonly<Record<string, string>> = { ı: 'i', ə: 'a', ɵ: 'o', ø: 'o', ß: 'ss' };

/**
 * A search key: Kazakh (and Russian) in Cyrillic or Latin script, with or without
 * diacritics, folds to one lower-case ASCII-like form, so a word typed in either
 * script finds the other: foldScripts('Қазақстан') === foldScripts('Qazaqstan').
 * Keys are for comparison only, never for display.
 */
export function foldScripts(text: string): string {
  let key = latinLower(kazakhToLatin(text))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıəɵøß]/g, (c) => BASE_LETTERS[c] ?? c);
  for (const [pattern, replacement] of DIGRAPHS) key = key.replace(pattern, replacement);
  return key.replace(/\s+/g, ' ').trim();
}
