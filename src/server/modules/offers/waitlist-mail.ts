// The mail that tells the next person in line that seats are held for them.
import { type LocalizedText, localize } from '../../../common/content.ts';
import { formatDateTime } from '../../../common/format.ts';
import type { Locale } from '../../../common/locales.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { inLocale, type Written } from '../../platform/mail-templates.ts';

const OFFER: Record<
  Written,
  (p: { event: string; quantity: number; until: string; link: string }) => { subject: string; text: string }
> = {
  kk: (p) => ({
    subject: `ÓzgeEpic: «${p.event}» — сізге орын босады`,
    text: `Сәлеметсіз бе!\n\nКүту тізіміндегі кезегіңіз келді: «${p.event}» қойылымына ${p.quantity} орын сізге ${p.until} дейін сақталды.\nСатып алу үшін мына сілтемені ашыңыз:\n${p.link}\n\nЕгер уақытында сатып алмасаңыз, орындар тізімдегі келесі адамға беріледі.`,
  }),
  ru: (p) => ({
    subject: `ÓzgeEpic: «${p.event}» — для вас освободились места`,
    text: `Здравствуйте!\n\nПодошла ваша очередь в листе ожидания: ${p.quantity} мест(а) на «${p.event}» отложены для вас до ${p.until}.\nЧтобы купить, откройте ссылку:\n${p.link}\n\nЕсли не успеете, места перейдут следующему в списке.`,
  }),
  en: (p) => ({
    subject: `ÓzgeEpic: places for “${p.event}” are free for you`,
    text: `Hello,\n\nYour turn on the waiting list has come: ${p.quantity} place(s) for “${p.event}” are held for you until ${p.until}.\nTo buy them, open:\n${p.link}\n\nIf you do not buy in time, they go to the next person in line.`,
  }),
};

export function waitlistOfferMail(
  to: string,
  locale: Locale,
  p: { eventTitle: LocalizedText; quantity: number; expiresAt: string; timeZone: string; link: string },
): MailMessage {
  return {
    to,
    ...inLocale(locale, (l) =>
      OFFER[l]({
        event: localize(p.eventTitle, l),
        quantity: p.quantity,
        until: formatDateTime(new Date(p.expiresAt), l, p.timeZone),
        link: p.link,
      }),
    ),
  };
}
