// The demo season of ÓzgeEpic Astana (and a concert in Shymkent): events of every kind, dated
// from the day the demo is seeded, with a theater seat map, timed exhibition slots and a few
// seats already sold, so every page has something true to show.

import type { EventKind } from '../../common/api/program.ts';
import type { LocalizedTextDto } from '../../common/api/schemas.ts';
import { createHold } from '../modules/box-office/holds.ts';
import { placeOrder } from '../modules/box-office/orders.ts';
import { claimSeats } from '../modules/program/inventory.ts';
import type { SeatMapLayout } from '../modules/program/seat-map.ts';
import { createEvent, createPerformance, createSeatMap, getSaleInfo } from '../modules/program/service.ts';
import type { Queryable } from '../platform/db/db.ts';

export const THEATER_MAP: SeatMapLayout = {
  sections: [
    {
      id: 'stalls',
      name: { kk: 'Партер', ru: 'Партер', en: 'Stalls' },
      rows: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((label, i) => ({
        label,
        seats: 16,
        category: i < 4 ? 'A' : 'B',
        aisleAfter: [8],
        ...(label === 'J' ? { wheelchair: [1, 2, 15, 16] } : {}),
      })),
    },
    {
      id: 'balcony',
      name: { kk: 'Балкон', ru: 'Балкон', en: 'Balcony' },
      rows: ['K', 'L', 'M', 'N'].map((label) => ({ label, seats: 14, category: 'C' })),
    },
  ],
};

const tenge = (n: number) => n * 100;

interface SeasonEvent {
  slug: string;
  kind: EventKind;
  space: string;
  title: LocalizedTextDto;
  description: LocalizedTextDto;
  ageRating: string;
  languages: ('kk' | 'ru' | 'en')[];
  /** [days from today, local start "HH:MM", minutes] */
  dates: [number, string, number][];
  prices: { code: string; name: LocalizedTextDto; tenge: number }[];
  standing?: { name: LocalizedTextDto; category: string; capacity: number };
  seated?: boolean;
}

const ADULT = { kk: 'Толық', ru: 'Полный', en: 'Full price' };

const ASTANA: SeasonEvent[] = [
  {
    slug: 'abai-zholy',
    kind: 'theater',
    space: 'theater',
    title: {
      kk: '«Абай жолы»: камералық қойылым',
      ru: '«Путь Абая»: камерный спектакль',
      en: 'The Path of Abai: a chamber play',
    },
    description: {
      kk: 'Мұхтар Әуезов романының желісімен жас режиссерлер қойған камералық спектакль. Ұзақтығы 2 сағат, бір үзіліспен.',
      ru: 'Камерный спектакль молодых режиссёров по роману Мухтара Ауэзова. Продолжительность 2 часа, с одним антрактом.',
      en: 'A chamber production by young directors after Mukhtar Auezov’s novel. Two hours with one interval.',
    },
    ageRating: '12+',
    languages: ['kk'],
    dates: [
      [3, '19:00', 120],
      [10, '19:00', 120],
      [17, '18:00', 120],
    ],
    prices: [
      {
        code: 'A',
        name: { kk: 'Партер, 1–4 қатар', ru: 'Партер, 1–4 ряд', en: 'Stalls, rows A–D' },
        tenge: 6000,
      },
      { code: 'B', name: { kk: 'Партер', ru: 'Партер', en: 'Stalls' }, tenge: 4500 },
      { code: 'C', name: { kk: 'Балкон', ru: 'Балкон', en: 'Balcony' }, tenge: 3000 },
    ],
    seated: true,
  },
  {
    slug: 'dombyra-keshi',
    kind: 'concert',
    space: 'hall',
    title: {
      kk: 'Домбыра кеші: Құрманғазы күйлері',
      ru: 'Вечер домбры: кюи Курмангазы',
      en: 'Dombra evening: the kuis of Kurmangazy',
    },
    description: {
      kk: 'Жас домбырашылар Құрманғазы мен Тәттімбет күйлерін орындайды. Кеш соңында орындаушылармен әңгіме.',
      ru: 'Молодые домбристы исполняют кюи Курмангазы и Таттимбета. После концерта — беседа с музыкантами.',
      en: 'Young dombra players perform kuis by Kurmangazy and Tattimbet, followed by a talk with the musicians.',
    },
    ageRating: '6+',
    languages: ['kk', 'ru'],
    dates: [
      [5, '19:30', 90],
      [19, '19:30', 90],
    ],
    prices: [{ code: 'S', name: ADULT, tenge: 3500 }],
    standing: { name: { kk: 'Зал', ru: 'Зал', en: 'Hall' }, category: 'S', capacity: 120 },
  },
  {
    slug: 'mukagali-oqulary',
    kind: 'literary_evening',
    space: 'hall',
    title: { kk: 'Мұқағали оқулары', ru: 'Чтения Мукагали', en: 'Readings of Mukagali' },
    description: {
      kk: 'Мұқағали Мақатаев өлеңдерін жас ақындар мен актерлер оқиды. Ашық микрофон бөлімі бар.',
      ru: 'Стихи Мукагали Макатаева читают молодые поэты и актёры. В конце — открытый микрофон.',
      en: 'Young poets and actors read Mukagali Makatayev; an open-mic hour closes the evening.',
    },
    ageRating: '12+',
    languages: ['kk'],
    dates: [[8, '18:30', 120]],
    prices: [
      { code: 'S', name: ADULT, tenge: 2000 },
      { code: 'ST', name: { kk: 'Студенттік', ru: 'Студенческий', en: 'Student' }, tenge: 1000 },
    ],
    standing: { name: { kk: 'Зал', ru: 'Зал', en: 'Hall' }, category: 'S', capacity: 80 },
  },
  {
    slug: 'kiiz-alemi',
    kind: 'exhibition',
    space: 'gallery',
    title: {
      kk: 'Киіз әлемі: қазіргі текемет',
      ru: 'Мир войлока: современный текемет',
      en: 'The world of felt: contemporary tekemet',
    },
    description: {
      kk: 'Жас шеберлердің текеметтері мен киіз инсталляциялары. Кіру уақыты бойынша: әр сағат сайын 25 келуші.',
      ru: 'Текеметы и войлочные инсталляции молодых мастеров. Вход по времени: 25 посетителей в час.',
      en: 'Tekemet rugs and felt installations by young makers. Timed entry: 25 visitors an hour.',
    },
    ageRating: '0+',
    languages: ['kk', 'ru', 'en'],
    dates: [1, 2, 3].flatMap((d) =>
      ['11:00', '13:00', '15:00', '17:00'].map((h): [number, string, number] => [d, h, 60]),
    ),
    prices: [{ code: 'S', name: ADULT, tenge: 1500 }],
    standing: { name: { kk: 'Кіру', ru: 'Вход', en: 'Entry' }, category: 'S', capacity: 25 },
  },
  {
    slug: 'kiiz-basu',
    kind: 'workshop_class',
    space: 'workshop',
    title: {
      kk: 'Киіз басу шеберлік сабағы',
      ru: 'Мастер-класс по валянию войлока',
      en: 'Felt-making master class',
    },
    description: {
      kk: 'Шебер Айгүл Нұрланқызымен бірге өз киіз кілемшеңізді басыңыз. Материалдар бағаға кіреді.',
      ru: 'Сваляйте свой войлочный коврик вместе с мастером Айгуль Нурланкызы. Материалы включены в цену.',
      en: 'Make your own felt mat with the master Aigul Nurlankyzy. Materials are included.',
    },
    ageRating: '12+',
    languages: ['kk', 'ru'],
    dates: [
      [6, '12:00', 180],
      [13, '12:00', 180],
    ],
    prices: [{ code: 'S', name: ADULT, tenge: 8000 }],
    standing: { name: { kk: 'Орын', ru: 'Место', en: 'Place' }, category: 'S', capacity: 12 },
  },
  {
    slug: 'togyz-jas-sheberler',
    kind: 'tournament',
    space: 'games',
    title: {
      kk: 'Тоғызқұмалақ турнирі: жас шеберлер',
      ru: 'Турнир по тогызкумалаку: юные мастера',
      en: 'Togyz kumalak tournament: young masters',
    },
    description: {
      kk: '18 жасқа дейінгі ойыншыларға арналған швейцарлық жүйедегі турнир, 7 тур. Қатысу тегін, тіркелу міндетті.',
      ru: 'Турнир по швейцарской системе для игроков до 18 лет, 7 туров. Участие бесплатное, нужна регистрация.',
      en: 'A seven-round Swiss tournament for players under 18. Free, registration required.',
    },
    ageRating: '6+',
    languages: ['kk', 'ru'],
    dates: [[12, '10:00', 420]],
    prices: [{ code: 'S', name: { kk: 'Қатысушы', ru: 'Участник', en: 'Player' }, tenge: 0 }],
    standing: { name: { kk: 'Ойыншылар', ru: 'Игроки', en: 'Players' }, category: 'S', capacity: 32 },
  },
];

const SHYMKENT: SeasonEvent[] = [
  {
    slug: 'ontustik-sazy',
    kind: 'concert',
    space: 'hall',
    title: { kk: 'Оңтүстік сазы', ru: 'Мелодии юга', en: 'Tunes of the South' },
    description: {
      kk: 'Шымкенттік жас композиторлардың шығармалары: қобыз, сыбызғы және электроника.',
      ru: 'Сочинения молодых композиторов Шымкента: кобыз, сыбызгы и электроника.',
      en: 'New music by young Shymkent composers: kobyz, sybyzgy and electronics.',
    },
    ageRating: '6+',
    languages: ['kk', 'ru'],
    dates: [[9, '19:00', 100]],
    prices: [{ code: 'S', name: ADULT, tenge: 3000 }],
    standing: { name: { kk: 'Зал', ru: 'Зал', en: 'Hall' }, category: 'S', capacity: 150 },
  },
];

/** A local date and time in the hub's zone (+05:00 across Kazakhstan since 2024) as an instant. */
function at(daysFromToday: number, hhmm: string, now: Date): Date {
  const local = new Date(now.getTime() + 5 * 3_600_000 + daysFromToday * 86_400_000);
  return new Date(`${local.toISOString().slice(0, 10)}T${hhmm}:00+05:00`);
}

async function seedHub(q: Queryable, hubId: string, events: SeasonEvent[], now: Date): Promise<string[]> {
  const spaces = new Map(
    (
      await q.query<{ id: string; slug: string }>('select id, slug from spaces where hub_id = $1', [hubId])
    ).map((s) => [s.slug, s.id]),
  );
  const performanceIds: string[] = [];
  let theaterMap: string | undefined;
  for (const e of events) {
    const spaceId = spaces.get(e.space) ?? '';
    if (e.seated && !theaterMap)
      theaterMap = (await createSeatMap(q, hubId, spaceId, 'Main layout', THEATER_MAP)).id;
    const event = await createEvent(q, hubId, { ...e, status: 'published' });
    for (const [day, time, minutes] of e.dates) {
      const start = at(day, time, now);
      performanceIds.push(
        await createPerformance(q, hubId, event.id, {
          spaceId,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
          prices: e.prices.map((p) => ({
            code: p.code,
            name: p.name,
            priceTiyn: tenge(p.tenge),
            vatCategory: 'standard',
          })),
          areas: e.standing ? [e.standing] : [],
          seatMap: e.seated ? THEATER_MAP : undefined,
        }),
      );
    }
  }
  return performanceIds;
}

/** Desk sales so the first performances are partly sold, as a real season would be. */
async function sell(
  q: Queryable,
  hubId: string,
  performanceId: string,
  wishes: { seats?: string[]; quantity?: number }[],
) {
  const perf = await getSaleInfo(q, hubId, performanceId, { drafts: true });
  for (const w of wishes) {
    const hold = await createHold(q, perf, hubId, null, {
      seats: w.seats,
      areas: w.quantity && perf.areas[0] ? [{ areaId: perf.areas[0].id, quantity: w.quantity }] : undefined,
    });
    await placeOrder(q, {
      hubId,
      holdId: hold.id,
      channel: 'desk',
      userId: null,
      createdBy: null,
      buyer: {},
      locale: 'kk',
      idempotencyKey: null,
      paidNow: true,
      complimentary: false,
      provider: 'desk',
      method: w.quantity === 1 ? 'cash' : 'card',
    });
  }
}

export async function seedSeason(q: Queryable, hubIds: Map<string, string>, now = new Date()): Promise<void> {
  const astana = hubIds.get('astana');
  const shymkent = hubIds.get('shymkent');
  if (astana) {
    const [abai1, , , dombyra1] = await seedHub(q, astana, ASTANA, now);
    if (abai1) {
      await claimSeats(q, abai1, ['stalls-A-7', 'stalls-A-8', 'stalls-A-9', 'stalls-A-10'], {
        kind: 'block',
        reason: 'house',
      });
      await sell(q, astana, abai1, [
        { seats: ['stalls-C-5', 'stalls-C-6'] },
        { seats: ['stalls-D-9', 'stalls-D-10', 'stalls-D-11'] },
        { seats: ['stalls-E-1'] },
        { seats: ['balcony-K-7', 'balcony-K-8'] },
      ]);
    }
    if (dombyra1) await sell(q, astana, dombyra1, [{ quantity: 2 }, { quantity: 4 }, { quantity: 1 }]);
  }
  if (shymkent) await seedHub(q, shymkent, SHYMKENT, now);
}
