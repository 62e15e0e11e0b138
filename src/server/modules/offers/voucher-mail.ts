// The mail that carries a gift voucher to its recipient.
import { type LocalizedText, localize } from '../../../common/content.ts';
import { formatDate, formatMoney } from '../../../common/format.ts';
import { lastValidDay } from '../../../common/gift-vouchers.ts';
import type { Locale } from '../../../common/locales.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { inLocale, type Written } from '../../platform/mail-templates.ts';

interface Parts {
  hub: string;
  amount: string;
  code: string;
  until: string | null;
  to: string | null;
  from: string | null;
  link: string;
}

const VOUCHER: Record<Written, (p: Parts) => { subject: string; text: string }> = {
  kk: (p) => ({
    subject: `ÓzgeEpic: сізге ${p.amount} сыйлық сертификаты`,
    text: `Сәлеметсіз бе${p.to ? `, ${p.to}` : ''}!\n\n${p.from ? `${p.from} сізге` : 'Сізге'} «${p.hub}» хабының ${p.amount} сыйлық сертификатын сыйлады.\n\nСертификат коды: ${p.code}\n\nБилетті сайттан немесе кассадан сатып алғанда осы кодты енгізіңіз${p.until ? ` (${p.until} дейін жарамды)` : ''}. Сертификат тапсырыстың бір бөлігін немесе бәрін төлейді; қалғаны сертификатта қалады.\nҚалдықты мына жерден тексеріңіз:\n${p.link}\n\nКодты ешкімге бермеңіз: ол қолма-қол ақшамен бірдей.`,
  }),
  ru: (p) => ({
    subject: `ÓzgeEpic: подарочный сертификат на ${p.amount}`,
    text: `Здравствуйте${p.to ? `, ${p.to}` : ''}!\n\n${p.from ? `${p.from} дарит вам` : 'Вам подарили'} подарочный сертификат хаба «${p.hub}» на ${p.amount}.\n\nКод сертификата: ${p.code}\n\nВведите код при покупке билетов на сайте или назовите его в кассе${p.until ? ` (действует до ${p.until} включительно)` : ''}. Сертификат оплачивает часть заказа или весь заказ; остаток сохраняется на сертификате.\nПроверить остаток:\n${p.link}\n\nНикому не сообщайте код: он равен деньгам.`,
  }),
  en: (p) => ({
    subject: `ÓzgeEpic: a gift voucher of ${p.amount} for you`,
    text: `Hello${p.to ? ` ${p.to}` : ''},\n\n${p.from ? `${p.from} gives you` : 'You have been given'} a gift voucher of ${p.amount} at ${p.hub}.\n\nVoucher code: ${p.code}\n\nEnter the code when you buy tickets online, or give it at the box office${p.until ? ` (valid until ${p.until} inclusive)` : ''}. It pays part of an order or all of it; what is left stays on the voucher.\nCheck the balance:\n${p.link}\n\nKeep the code to yourself: it is as good as cash.`,
  }),
};

export function giftVoucherMail(
  to: string,
  locale: Locale,
  v: {
    hubName: LocalizedText;
    code: string;
    amountTiyn: number;
    validUntil: string | null;
    timeZone: string;
    recipientName: string | null;
    buyerName: string | null;
    link: string;
  },
): MailMessage {
  return {
    to,
    ...inLocale(locale, (l) =>
      VOUCHER[l]({
        hub: localize(v.hubName, l),
        amount: formatMoney(v.amountTiyn, l),
        code: v.code,
        until: v.validUntil ? formatDate(lastValidDay(v.validUntil), l, v.timeZone, 'long') : null,
        to: v.recipientName,
        from: v.buyerName,
        link: v.link,
      }),
    ),
  };
}
