import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../api/problem-codes.ts';
import { LOCALES } from '../locales.ts';
import { HUB_ROLES, PERMISSIONS } from '../permissions.ts';
import { en } from './en.ts';
import { CATALOGS, isMessageKey, type Message, placeholders, pluralCategories, t } from './index.ts';

const englishKeys = Object.keys(en).sort();

function texts(message: Message): string[] {
  return typeof message === 'string' ? [message] : Object.values(message).map(String);
}

describe('UI string catalogs', () => {
  for (const locale of LOCALES) {
    const catalog = CATALOGS[locale] as Record<string, Message>;

    it(`${locale} has exactly the keys of the English catalog`, () => {
      expect(Object.keys(catalog).sort()).toEqual(englishKeys);
    });

    it(`${locale} has no empty message`, () => {
      const empty = Object.entries(catalog)
        .filter(([, m]) => texts(m).some((s) => s.trim() === ''))
        .map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it(`${locale} uses the same placeholders as English`, () => {
      const differing = englishKeys.filter((key) => {
        const mine = catalog[key];
        const theirs = (en as Record<string, Message>)[key];
        if (mine === undefined || theirs === undefined) return true;
        return [...placeholders(mine)].sort().join() !== [...placeholders(theirs)].sort().join();
      });
      expect(differing).toEqual([]);
    });

    it(`${locale} gives plurals where English does, with every form the language needs`, () => {
      const needed = pluralCategories(locale);
      const wrong = englishKeys.filter((key) => {
        const mine = catalog[key];
        const theirs = (en as Record<string, Message>)[key];
        if (typeof theirs === 'string') return typeof mine !== 'string';
        if (typeof mine !== 'object') return true;
        return needed.some((category) => mine[category] === undefined);
      });
      expect(wrong).toEqual([]);
    });
  }

  it('has a message for every problem code, role and permission', () => {
    const needed = [
      ...PROBLEM_CODES.map((c) => `problem.${c}`),
      ...HUB_ROLES.map((r) => `role.${r}`),
      'role.network_admin',
      ...Object.keys(PERMISSIONS).map((p) => `permission.${p}`),
    ];
    expect(needed.filter((k) => !isMessageKey(k))).toEqual([]);
  });

  it('writes the Latin catalog in the 2021 alphabet, without Cyrillic except language names', () => {
    const stray = Object.entries(CATALOGS['kk-Latn'] as Record<string, Message>)
      .filter(([, m]) => texts(m).some((s) => /[\u0400-\u04FF]/u.test(s.replaceAll('Қазақша', ''))))
      .map(([k]) => k);
    expect(stray).toEqual([]);
  });
});

describe('t()', () => {
  it('fills placeholders', () => {
    expect(t('en', 'header.signedInAs', { name: 'Aigerim' })).toBe('Signed in as Aigerim');
    expect(t('ru', 'home.city', { city: 'Астана' })).toBe('Город: Астана');
  });

  it('chooses plural forms by the rules of each language', () => {
    expect(t('en', 'home.spaceCount', { count: 1 })).toBe('1 space');
    expect(t('en', 'home.spaceCount', { count: 7 })).toBe('7 spaces');
    expect(t('ru', 'home.spaceCount', { count: 1 })).toBe('1 пространство');
    expect(t('ru', 'home.spaceCount', { count: 3 })).toBe('3 пространства');
    expect(t('ru', 'home.spaceCount', { count: 7 })).toBe('7 пространств');
    expect(t('ru', 'home.spaceCount', { count: 21 })).toBe('21 пространство');
    expect(t('kk', 'home.spaceCount', { count: 7 })).toBe('7 кеңістік');
    expect(t('kk-Latn', 'home.spaceCount', { count: 7 })).toBe('7 keñıstık');
  });

  it('leaves a placeholder visible when its parameter is missing', () => {
    expect(t('en', 'header.signedInAs', {})).toBe('Signed in as {name}');
  });
});
