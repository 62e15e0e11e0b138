import { describe, expect, it } from 'vitest';
import { foldScripts, kazakhToLatin, latinLower, latinUpper } from './translit.ts';

// The 42 letters of the Kazakh Cyrillic alphabet, upper and lower case, with the Latin we expect.
const ALPHABET: [string, string, string, string][] = [
  ['А', 'A', 'а', 'a'],
  ['Ә', 'Ä', 'ә', 'ä'],
  ['Б', 'B', 'б', 'b'],
  ['В', 'V', 'в', 'v'],
  ['Г', 'G', 'г', 'g'],
  ['Ғ', 'Ğ', 'ғ', 'ğ'],
  ['Д', 'D', 'д', 'd'],
  ['Е', 'E', 'е', 'e'],
  ['Ё', 'İo', 'ё', 'io'],
  ['Ж', 'J', 'ж', 'j'],
  ['З', 'Z', 'з', 'z'],
  ['И', 'İ', 'и', 'i'],
  ['Й', 'İ', 'й', 'i'],
  ['К', 'K', 'к', 'k'],
  ['Қ', 'Q', 'қ', 'q'],
  ['Л', 'L', 'л', 'l'],
  ['М', 'M', 'м', 'm'],
  ['Н', 'N', 'н', 'n'],
  ['Ң', 'Ñ', 'ң', 'ñ'],
  ['О', 'O', 'о', 'o'],
  ['Ө', 'Ö', 'ө', 'ö'],
  ['П', 'P', 'п', 'p'],
  ['Р', 'R', 'р', 'r'],
  ['С', 'S', 'с', 's'],
  ['Т', 'T', 'т', 't'],
  ['У', 'U', 'у', 'u'],
  ['Ұ', 'Ū', 'ұ', 'ū'],
  ['Ү', 'Ü', 'ү', 'ü'],
  ['Ф', 'F', 'ф', 'f'],
  ['Х', 'H', 'х', 'h'],
  ['Һ', 'H', 'һ', 'h'],
  ['Ц', 'Ts', 'ц', 'ts'],
  ['Ч', 'Ch', 'ч', 'ch'],
  ['Ш', 'Ş', 'ш', 'ş'],
  ['Щ', 'Şş', 'щ', 'şş'],
  ['Ъ', '', 'ъ', ''],
  ['Ы', 'Y', 'ы', 'y'],
  ['І', 'I', 'і', 'ı'],
  ['Ь', '', 'ь', ''],
  ['Э', 'E', 'э', 'e'],
  ['Ю', 'İu', 'ю', 'iu'],
  ['Я', 'İa', 'я', 'ia'],
];

const LATIN_2021 = 'A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z'.split(' ');

describe('kazakhToLatin, letter by letter', () => {
  it('covers the whole Kazakh Cyrillic alphabet', () => {
    expect(ALPHABET).toHaveLength(42);
  });

  for (const [upper, upperLatin, lower, lowerLatin] of ALPHABET) {
    it(`${upper} → ${upperLatin || '∅'}, ${lower} → ${lowerLatin || '∅'}`, () => {
      expect(kazakhToLatin(upper)).toBe(upperLatin);
      expect(kazakhToLatin(lower)).toBe(lowerLatin);
    });
  }

  it('maps the 33 letters of the 2021 table onto exactly the 31 Latin letters', () => {
    const inTable = ALPHABET.filter(([u]) => !'ЦЧЩЁЮЯЭЪЬ'.includes(u));
    expect(inTable).toHaveLength(33);
    expect(new Set(inTable.map(([u]) => kazakhToLatin(u)))).toEqual(new Set(LATIN_2021));
    expect(new Set(inTable.map(([, , l]) => kazakhToLatin(l)))).toEqual(new Set(LATIN_2021.map(latinLower)));
  });

  it('uses dotless ı for і and dotted İ for И and Й', () => {
    expect(kazakhToLatin('і')).toBe('\u0131');
    expect(kazakhToLatin('І')).toBe('I');
    expect(kazakhToLatin('И')).toBe('\u0130');
    expect(kazakhToLatin('Й')).toBe('\u0130');
    expect(kazakhToLatin('ий')).toBe('ii');
  });

  it('spells the letters outside the table in capitals inside an all-caps word', () => {
    expect(kazakhToLatin('ЦЕНТР')).toBe('TSENTR');
    expect(kazakhToLatin('ЧЕМПИОН')).toBe('CHEMPİON');
    expect(kazakhToLatin('ЩИТ')).toBe('ŞŞİT');
    expect(kazakhToLatin('ЁЛКА')).toBe('İOLKA');
    expect(kazakhToLatin('ЮНЕСКО')).toBe('İUNESKO');
    expect(kazakhToLatin('ЯНВАРЬ')).toBe('İANVAR');
    expect(kazakhToLatin('ЦУМ')).toBe('TSUM');
    expect(kazakhToLatin('ДАЧ')).toBe('DACH');
    expect(kazakhToLatin('ОБЪЕКТ')).toBe('OBEKT');
  });

  it('spells them in title case at the start of a capitalised word or alone', () => {
    expect(kazakhToLatin('Цой')).toBe('Tsoi');
    expect(kazakhToLatin('Чехов')).toBe('Chehov');
    expect(kazakhToLatin('Щучинск')).toBe('Şşuchinsk');
    expect(kazakhToLatin('Юрий')).toBe('İurii');
    expect(kazakhToLatin('Ясауи')).toBe('İasaui');
    expect(kazakhToLatin('Я')).toBe('İa');
    expect(kazakhToLatin('Я.')).toBe('İa.');
    expect(kazakhToLatin('Эстрада')).toBe('Estrada');
  });
});

describe('kazakhToLatin, words and sentences', () => {
  const words: [string, string][] = [
    ['Астана', 'Astana'],
    ['Алматы', 'Almaty'],
    ['Шымкент', 'Şymkent'],
    ['ШЫҢҒЫС', 'ŞYÑĞYS'],
    ['Тоғызқұмалақ', 'Toğyzqūmalaq'],
    ['Әлемнің', 'Älemnıñ'],
    ['Ұлттық ойындар', 'Ūlttyq oiyndar'],
    ['Қазақстан Республикасы', 'Qazaqstan Respublikasy'],
    ['Өзге', 'Özge'],
    ['Үй', 'Üi'],
    ['Іле', 'Ile'],
    ['ІЛЕ', 'ILE'],
    ['Ильич', 'İlich'],
    ['Жәрмеңке', 'Järmeñke'],
    ['шаһар', 'şahar'],
    ['хабар', 'habar'],
    ['Шығыс Қазақстан облысы', 'Şyğys Qazaqstan oblysy'],
    ['кітап дүкені', 'kıtap dükenı'],
    ['ҚАЗАҚ ТІЛІ', 'QAZAQ TILI'],
  ];
  for (const [cyr, lat] of words) {
    it(`${cyr} → ${lat}`, () => {
      expect(kazakhToLatin(cyr)).toBe(lat);
    });
  }

  it('transliterates a sentence, keeping punctuation, digits and spaces', () => {
    expect(
      kazakhToLatin(
        '«Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты.»',
      ),
    ).toBe(
      '«Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty.»',
    );
    expect(kazakhToLatin('Көрме 2026 ж. 8 наурызда, 19:00-де ашылады!')).toBe(
      'Körme 2026 j. 8 nauryzda, 19:00-de aşylady!',
    );
  });

  it('passes non-Cyrillic text through unchanged', () => {
    const s = 'ÓzgeEpic Hub — Qazaqşa, English, 中文, emoji 🎭, «quotes» and\u00a0nbsp';
    expect(kazakhToLatin(s)).toBe(s);
    expect(kazakhToLatin('')).toBe('');
  });

  it('reads a decomposed й or ё as one letter', () => {
    expect(kazakhToLatin('и\u0306')).toBe('i');
    expect(kazakhToLatin('Е\u0308')).toBe('İo');
  });

  it('agrees with Turkish lower-casing of the result', () => {
    for (const [cyr] of words) expect(latinLower(kazakhToLatin(cyr))).toBe(kazakhToLatin(cyr.toLowerCase()));
  });
});

describe('latinLower / latinUpper', () => {
  it('uses the Turkish İ/i and I/ı pairs', () => {
    expect(latinLower('İSTANBUL')).toBe('istanbul');
    expect(latinLower('ILE')).toBe('\u0131le');
    expect(latinLower('QAZAQŞA ÄLEMİ')).toBe('qazaqşa älemi');
    expect(latinUpper('istanbul')).toBe('İSTANBUL');
    expect(latinUpper('ıle')).toBe('ILE');
    expect(latinUpper('ūlttyq oiyndar')).toBe('ŪLTTYQ OİYNDAR');
  });

  it('round-trips Kazakh Latin text', () => {
    const s = 'Ūlttyq oiyndar, Älemnıñ, Şymkent, İasaui';
    expect(latinLower(latinUpper(s))).toBe(latinLower(s));
  });
});

describe('foldScripts', () => {
  const same: [string, string][] = [
    ['Қазақстан', 'Qazaqstan'],
    ['Қазақстан', 'QAZAQSTAN'],
    ['Қазақстан', 'qazaqstan'],
    ['Шымкент', 'Şymkent'],
    ['Шымкент', 'Shymkent'],
    ['Шымкент', 'symkent'],
    ['Тоғызқұмалақ', 'Toğyzqūmalaq'],
    ['Тоғызқұмалақ', 'togyzqumalaq'],
    ['Әлемнің', 'Älemnıñ'],
    ['Әлемнің', 'alemnin'],
    ['кітап', 'kitap'],
    ['Кітап', 'KITAP'],
    ['Іле', 'İle'],
    ['Жанар', 'Zhanar'],
    ['Жанар', 'Janar'],
    ['Хан', 'Khan'],
    ['Ұлттық ойындар', 'Ūlttyq  oiyndar '],
    ['Чехов', 'Chekhov'],
    ['Москва', 'Moskva'],
    ['Әлем', 'Əlem'],
    ['Өнер', 'Ɵner'],
  ];
  for (const [a, b] of same) {
    it(`${a} ≡ ${b}`, () => {
      expect(foldScripts(a)).toBe(foldScripts(b));
    });
  }

  it('produces a lower-case key', () => {
    expect(foldScripts('Қазақстан')).toBe('qazaqstan');
    expect(foldScripts('ШЫҢҒЫС')).toBe('syngys');
    expect(foldScripts('  Ұлттық\tойындар ')).toBe('ulttyq oiyndar');
    expect(foldScripts('Москва, 2026!')).toBe('moskva, 2026!');
  });

  it('keeps different words apart', () => {
    expect(foldScripts('қала')).not.toBe(foldScripts('кала'));
    expect(foldScripts('театр')).not.toBe(foldScripts('галерея'));
  });
});
