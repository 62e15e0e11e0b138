// What a promo code or membership card took off an order, line by line, and the new total.
import type { OrderDto } from '../../common/api/box-office.ts';
import { localize } from '../../common/content.ts';
import { formatMoney } from '../../common/format.ts';
import { linesInForce } from '../../common/lines-in-force.ts';
import { useI18n } from '../i18n/locale.tsx';
import { lineSeatName } from '../program/shared.ts';
import './offers.css';

export function OrderSavings({ order }: { order: OrderDto }) {
  const { locale, t } = useI18n();
  const discounted = linesInForce(order).filter((l) => l.discountTiyn > 0);
  if (discounted.length === 0) return null;
  const saved = discounted.reduce((n, l) => n + l.discountTiyn, 0);
  return (
    <section className="savings" aria-labelledby="savings-title" data-testid="order-savings">
      <h3 id="savings-title">{t('offers.savings.title')}</h3>
      <table className="savings-lines">
        <caption className="visually-hidden">{t('offers.savings.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('checkout.col.item')}</th>
            <th scope="col" className="num savings-was">
              {t('offers.savings.list')}
            </th>
            <th scope="col" className="num">
              {t('offers.savings.discount')}
            </th>
            <th scope="col" className="num">
              {t('offers.savings.pay')}
            </th>
          </tr>
        </thead>
        <tbody>
          {discounted.map((l) => (
            <tr key={l.id} data-testid="savings-line">
              <td>{l.seatId ? lineSeatName(locale, l) : localize(l.categoryName, locale) || l.category}</td>
              <td className="num savings-was">
                <s>{formatMoney(l.unitPriceTiyn + l.discountTiyn, locale)}</s>
              </td>
              <td className="num savings-off" data-testid="savings-discount">
                −{formatMoney(l.discountTiyn, locale)}
              </td>
              <td className="num">{formatMoney(l.unitPriceTiyn, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="savings-total">
        {t('offers.savings.saved', { amount: formatMoney(saved, locale) })}{' '}
        <strong data-testid="savings-new-total">
          {t('offers.savings.newTotal', { amount: formatMoney(order.totalTiyn, locale) })}
        </strong>
      </p>
    </section>
  );
}
