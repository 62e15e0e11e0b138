// What the register is told about a membership card's money and a gift voucher's sale. A card
// is a supply taxed at the VAT rate it was sold at. A voucher sold at the desk is money taken in
// advance (a multi-purpose voucher): one position marked as an advance, without VAT; the VAT
// comes on the tickets it pays for later, where its part is set off as `voucher`.
import type { LocalizedText } from '../../../common/content.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { kazakhToLatin } from '../../../common/translit.ts';
import { one, type Queryable } from '../../platform/db/db.ts';
import type { FiscalReceiptRequest } from '../../platform/fiscal/provider.ts';

interface Receipt {
  id: string;
  hubId: string;
  kind: 'sale' | 'refund';
}

const money = (method: string) => (method === 'cash' ? 'cash' : 'card');

export async function membershipFiscalRequest(
  q: Queryable,
  r: Receipt & { membershipId: string | null },
): Promise<FiscalReceiptRequest> {
  const m = await one<{
    code: string;
    planName: LocalizedText;
    planSlug: string;
    priceTiyn: number | string;
    vatTiyn: number | string;
    vatRateBp: number;
    paymentMethod: string;
    holderEmail: string | null;
  }>(
    q,
    `select m.code, p.name as "planName", p.slug as "planSlug", m.price_tiyn as "priceTiyn", m.vat_tiyn as "vatTiyn",
            m.vat_rate_bp as "vatRateBp", m.payment_method as "paymentMethod", m.holder_email as "holderEmail"
       from memberships m join membership_plans p on p.id = m.plan_id where m.id = $1`,
    [r.membershipId],
  );
  const price = Number(m.priceTiyn);
  const vat = Number(m.vatTiyn);
  return {
    externalId: r.id,
    hubId: r.hubId,
    operation: r.kind,
    positions: [
      {
        name: `${m.planName.ru ?? m.planName.kk ?? m.planSlug} ${m.code}`,
        quantity: 1,
        unitPriceTiyn: price,
        amountTiyn: price,
        vatRateBp: m.vatRateBp,
        vatTiyn: vat,
      },
    ],
    // Bought online ('online') is a card payment.
    payments: [{ method: money(m.paymentMethod), amountTiyn: price }],
    totalTiyn: price,
    vatTiyn: vat,
    buyerEmail: m.holderEmail,
  };
}

const ADVANCE: Record<Exclude<Locale, 'kk-Latn'>, (code: string) => string> = {
  kk: (code) => `Сыйлық сертификаты …${code}, аванс`,
  ru: (code) => `Подарочный сертификат …${code}, аванс`,
  en: (code) => `Gift voucher …${code}, advance payment`,
};

/** The position's name: the voucher's last four characters only (the code is as good as cash). */
export function voucherPositionName(locale: string, code: string): string {
  const tail = code.slice(-4);
  const l: Locale = isLocale(locale) ? locale : 'kk';
  return l === 'kk-Latn' ? kazakhToLatin(ADVANCE.kk(tail)) : ADVANCE[l](tail);
}

export async function voucherFiscalRequest(
  q: Queryable,
  r: Receipt & { voucherId: string | null },
): Promise<FiscalReceiptRequest> {
  const v = await one<{
    code: string;
    initialTiyn: number | string;
    paymentMethod: string | null;
    locale: string;
  }>(
    q,
    `select code, initial_tiyn as "initialTiyn", payment_method as "paymentMethod", locale
       from gift_vouchers where id = $1 and issue_kind = 'sold'`,
    [r.voucherId],
  );
  const value = Number(v.initialTiyn);
  return {
    externalId: r.id,
    hubId: r.hubId,
    operation: r.kind,
    positions: [
      {
        name: voucherPositionName(v.locale, v.code),
        quantity: 1,
        unitPriceTiyn: value,
        amountTiyn: value,
        vatRateBp: 0,
        vatTiyn: 0,
        advance: true,
      },
    ],
    payments: [{ method: money(v.paymentMethod ?? 'cash'), amountTiyn: value }],
    totalTiyn: value,
    vatTiyn: 0,
    // The buyer's address is not kept (the recipient's is not the buyer's).
    buyerEmail: null,
  };
}
