// Demo offers of ÓzgeEpic Astana: membership plans on sale at the desk and online (an annual
// "Friend of ÓzgeEpic" pass, a family pass and a student discount card checked at the door), and
// two gift vouchers already issued, so the memberships page and the back office are not empty.
// Slugs are their own: the tests create plans named friend, student, summer, winter and *-e2e.

import { createPlan } from '../modules/offers/memberships.ts';
import { issueVoucher } from '../modules/offers/vouchers.ts';
import type { Queryable } from '../platform/db/db.ts';

const tenge = (n: number) => n * 100;

export const DEMO_PLANS: Parameters<typeof createPlan>[2][] = [
  {
    slug: 'ozgeepic-friend-year',
    name: {
      kk: 'ÓzgeEpic досы — жылдық абонемент',
      ru: 'Друг ÓzgeEpic — годовой абонемент',
      en: 'Friend of ÓzgeEpic — annual pass',
    },
    kind: 'pass',
    entries: 12,
    validDays: 365,
    priceTiyn: tenge(30_000),
  },
  {
    slug: 'family-five-visits',
    name: {
      kk: 'Отбасылық абонемент: 5 келу',
      ru: 'Семейный абонемент на 5 посещений',
      en: 'Family pass: 5 visits',
    },
    kind: 'pass',
    entries: 5,
    validDays: 120,
    priceTiyn: tenge(12_000),
  },
  {
    slug: 'student-discount-card',
    name: {
      kk: 'Студенттік жеңілдік картасы',
      ru: 'Студенческая скидочная карта',
      en: 'Student discount card',
    },
    kind: 'discount',
    discountPercent: 30,
    // an academic year
    validDays: 300,
    priceTiyn: tenge(2_000),
    proof: {
      kk: 'Жарамды студенттік билет',
      ru: 'Действующий студенческий билет',
      en: 'A valid student card',
    },
  },
];

export async function seedOffers(q: Queryable, hubIds: Map<string, string>): Promise<void> {
  const astana = hubIds.get('astana');
  if (!astana) return;
  for (const plan of DEMO_PLANS) await createPlan(q, astana, plan);

  const [desk] = await q.query<{ id: string }>('select id from users where email = $1', [
    'boxoffice@astana.ozgeepic.kz',
  ]);
  if (!desk) return;
  const common = { timeZone: 'Asia/Almaty', locale: 'kk', issuedBy: desk.id };
  await issueVoucher(q, astana, {
    ...common,
    valueTiyn: tenge(10_000),
    paymentMethod: 'card',
    buyerName: 'Әсел Нұрланқызы',
    recipientName: 'Дина Серікқызы',
  });
  await issueVoucher(q, astana, {
    ...common,
    valueTiyn: tenge(5_000),
    reason: 'Мұқағали оқуларындағы ашық микрофон жеңімпазына сыйлық',
    recipientName: 'Ерасыл Бекұлы',
  });
}
