// The few messages the platform mails, in every language; Kazakh Latin is transliterated from Kazakh.
import { type LocalizedText, localize } from '../../common/content.ts';
import type { Locale } from '../../common/locales.ts';
import type { HubRole } from '../../common/permissions.ts';
import { kazakhToLatin } from '../../common/translit.ts';
import type { MailMessage } from './mail.ts';

export type Written = Exclude<Locale, 'kk-Latn'>;

const RESET: Record<Written, (link: string, minutes: number) => { subject: string; text: string }> = {
  kk: (link, minutes) => ({
    subject: 'ÓzgeEpic: құпиясөзді қалпына келтіру',
    text: `Сәлеметсіз бе!\n\nҚұпиясөзді өзгерту үшін мына сілтемені ашыңыз (${minutes} минут жарамды, бір рет қана):\n${link}\n\nЕгер сіз сұрамаған болсаңыз, бұл хатты елемеңіз.`,
  }),
  ru: (link, minutes) => ({
    subject: 'ÓzgeEpic: восстановление пароля',
    text: `Здравствуйте!\n\nЧтобы задать новый пароль, откройте ссылку (действует ${minutes} минут, один раз):\n${link}\n\nЕсли вы не запрашивали смену пароля, просто проигнорируйте это письмо.`,
  }),
  en: (link, minutes) => ({
    subject: 'ÓzgeEpic: reset your password',
    text: `Hello,\n\nTo set a new password, open this link (valid for ${minutes} minutes, once):\n${link}\n\nIf you did not ask for this, ignore this message.`,
  }),
};

const INVITE: Record<
  Written,
  (link: string, hub: string, role: string, days: number) => { subject: string; text: string }
> = {
  kk: (link, hub, role, days) => ({
    subject: `ÓzgeEpic: ${hub} командасына шақыру`,
    text: `Сәлеметсіз бе!\n\nСізді «${hub}» хабына ${role} рөлінде шақырды. Шақыруды қабылдау үшін сілтемені ашыңыз (${days} күн жарамды):\n${link}`,
  }),
  ru: (link, hub, role, days) => ({
    subject: `ÓzgeEpic: приглашение в команду ${hub}`,
    text: `Здравствуйте!\n\nВас пригласили в хаб «${hub}» с ролью ${role}. Чтобы принять приглашение, откройте ссылку (действует ${days} дней):\n${link}`,
  }),
  en: (link, hub, role, days) => ({
    subject: `ÓzgeEpic: invitation to the ${hub} team`,
    text: `Hello,\n\nYou have been invited to the hub "${hub}" as ${role}. To accept, open this link (valid for ${days} days):\n${link}`,
  }),
};

export const ROLE_NAMES: Record<Written, Record<HubRole, string>> = {
  kk: {
    hub_admin: 'хаб әкімшісі',
    program_manager: 'бағдарлама менеджері',
    box_office: 'касса қызметкері',
    curator: 'куратор',
    shop_clerk: 'дүкен сатушысы',
    resident: 'резидент',
  },
  ru: {
    hub_admin: 'администратор хаба',
    program_manager: 'менеджер программы',
    box_office: 'кассир',
    curator: 'куратор',
    shop_clerk: 'продавец магазина',
    resident: 'резидент',
  },
  en: {
    hub_admin: 'hub admin',
    program_manager: 'program manager',
    box_office: 'box office',
    curator: 'curator',
    shop_clerk: 'shop clerk',
    resident: 'resident',
  },
};

export function inLocale(
  locale: Locale,
  make: (l: Written) => { subject: string; text: string },
): { subject: string; text: string } {
  if (locale !== 'kk-Latn') return make(locale);
  const kk = make('kk');
  return { subject: kazakhToLatin(kk.subject), text: kazakhToLatin(kk.text) };
}

export function passwordResetMail(to: string, locale: Locale, link: string, minutes: number): MailMessage {
  return { to, ...inLocale(locale, (l) => RESET[l](link, minutes)) };
}

export function invitationMail(
  to: string,
  locale: Locale,
  link: string,
  hubName: LocalizedText,
  role: HubRole,
  days: number,
): MailMessage {
  return {
    to,
    ...inLocale(locale, (l) => INVITE[l](link, localize(hubName, l), ROLE_NAMES[l][role], days)),
  };
}

const TICKETS: Record<
  Written,
  (p: { hub: string; number: number; events: string; count: number; link: string }) => {
    subject: string;
    text: string;
  }
> = {
  kk: (p) => ({
    subject: `ÓzgeEpic: №${p.number} тапсырыс бойынша билеттер`,
    text: `Сәлеметсіз бе!\n\nРақмет! «${p.hub}» хабындағы №${p.number} тапсырыс төленді: ${p.events}.\nБилеттер (${p.count}) осы хатқа PDF түрінде тіркелген. Кіре берісте әр билеттің QR-кодын көрсетіңіз — телефоннан да, қағаздан да болады.\n\nТапсырыс пен чек мына бетте:\n${p.link}`,
  }),
  ru: (p) => ({
    subject: `ÓzgeEpic: билеты по заказу №${p.number}`,
    text: `Здравствуйте!\n\nСпасибо! Заказ №${p.number} в хабе «${p.hub}» оплачен: ${p.events}.\nБилеты (${p.count}) приложены к письму в PDF. На входе покажите QR-код каждого билета — с телефона или на бумаге.\n\nЗаказ и чек на странице:\n${p.link}`,
  }),
  en: (p) => ({
    subject: `ÓzgeEpic: your tickets, order #${p.number}`,
    text: `Hello,\n\nThank you! Order #${p.number} at ${p.hub} is paid: ${p.events}.\nYour tickets (${p.count}) are attached as a PDF. Show each ticket's QR code at the door, on your phone or on paper.\n\nYour order and receipt:\n${p.link}`,
  }),
};

/** Tickets of a paid order, with the PDF attached by the caller. */
export function ticketsMail(
  to: string,
  locale: Locale,
  p: { hubName: LocalizedText; number: number; eventTitles: LocalizedText[]; count: number; link: string },
): MailMessage {
  return {
    to,
    ...inLocale(locale, (l) =>
      TICKETS[l]({
        hub: localize(p.hubName, l),
        number: p.number,
        events: p.eventTitles
          .map((t) => (l === 'en' ? `“${localize(t, l)}”` : `«${localize(t, l)}»`))
          .join(', '),
        count: p.count,
        link: p.link,
      }),
    ),
  };
}
