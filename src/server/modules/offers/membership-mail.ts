// The mail that brings a membership card bought online: its code, what it gives, until when,
// and the receipt with VAT.
import { type LocalizedText, localize } from '../../../common/content.ts';
import { formatDate, formatMoney } from '../../../common/format.ts';
import type { Locale } from '../../../common/locales.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { inLocale, type Written } from '../../platform/mail-templates.ts';

interface Parts {
  hub: string;
  plan: string;
  code: string;
  holder: string;
  benefit: string;
  until: string;
  price: string;
  vat: string;
  rate: string;
  receipt: string;
  link: string;
}

const CARD: Record<Written, (p: Parts) => { subject: string; text: string }> = {
  kk: (p) => ({
    subject: `ÓzgeEpic: сіздің «${p.plan}» картаңыз — ${p.code}`,
    text: `Сәлеметсіз бе!\n\nРақмет! «${p.hub}» хабының «${p.plan}» картасы төленді.\n\nКарта коды: ${p.code}\nИесі: ${p.holder}\nБереді: ${p.benefit}\nЖарамды: ${p.until} дейін\n\nБилет сатып алғанда «Промокод немесе абонемент картасы» өрісіне кодты енгізіңіз немесе кассада атаңыз.\n\nЧек ${p.receipt}\nСомасы: ${p.price}, оның ішінде ҚҚС ${p.rate}%: ${p.vat}\n\nКарталарыңыз мына бетте:\n${p.link}`,
  }),
  ru: (p) => ({
    subject: `ÓzgeEpic: ваша карта «${p.plan}» — ${p.code}`,
    text: `Здравствуйте!\n\nСпасибо! Карта «${p.plan}» хаба «${p.hub}» оплачена.\n\nКод карты: ${p.code}\nВладелец: ${p.holder}\nДаёт: ${p.benefit}\nДействует до: ${p.until}\n\nПри покупке билетов введите код в поле «Промокод или карта абонемента» или назовите его в кассе.\n\nЧек ${p.receipt}\nСумма: ${p.price}, в том числе НДС ${p.rate}%: ${p.vat}\n\nВаши карты на странице:\n${p.link}`,
  }),
  en: (p) => ({
    subject: `ÓzgeEpic: your “${p.plan}” card — ${p.code}`,
    text: `Hello,\n\nThank you! Your “${p.plan}” card of ${p.hub} is paid.\n\nCard code: ${p.code}\nHolder: ${p.holder}\nGives: ${p.benefit}\nValid until: ${p.until}\n\nWhen you buy tickets, type the code into “Promo code or membership card”, or say it at the box office.\n\nReceipt ${p.receipt}\nAmount: ${p.price}, VAT ${p.rate}% included: ${p.vat}\n\nYour cards:\n${p.link}`,
  }),
};

const BENEFIT: Record<Written, (b: { entries: number | null; percent: number | null }) => string> = {
  kk: (b) => (b.entries !== null ? `${b.entries} тегін кіру` : `билеттерге ${b.percent}% жеңілдік`),
  ru: (b) => (b.entries !== null ? `бесплатных входов: ${b.entries}` : `скидка ${b.percent}% на билеты`),
  en: (b) =>
    b.entries !== null
      ? `${b.entries} free ${b.entries === 1 ? 'entry' : 'entries'}`
      : `${b.percent}% off tickets`,
};

export function membershipCardMail(
  to: string,
  locale: Locale,
  p: {
    hubName: LocalizedText;
    planName: LocalizedText;
    code: string;
    holderName: string;
    entries: number | null;
    discountPercent: number | null;
    validUntil: string;
    timeZone: string;
    priceTiyn: number;
    vatTiyn: number;
    vatRateBp: number;
    receiptNumber: string;
    link: string;
  },
): MailMessage {
  return {
    to,
    ...inLocale(locale, (l) =>
      CARD[l]({
        hub: localize(p.hubName, l),
        plan: localize(p.planName, l),
        code: p.code,
        holder: p.holderName,
        benefit: BENEFIT[l]({ entries: p.entries, percent: p.discountPercent }),
        until: formatDate(new Date(p.validUntil), l, p.timeZone),
        price: formatMoney(p.priceTiyn, l),
        vat: formatMoney(p.vatTiyn, l),
        rate: String(p.vatRateBp / 100),
        receipt: `№${p.receiptNumber}`,
        link: p.link,
      }),
    ),
  };
}
