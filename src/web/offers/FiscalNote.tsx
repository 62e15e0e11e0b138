// The fiscal receipt of a sale at the desk (a membership card, a gift voucher), to read out or
// copy for the buyer: its number and fiscal sign with the operator's check link, or that it is
// on its way (the register answers later; the worker keeps trying).
import type { FiscalReceiptDto } from '../../common/api/reports.ts';
import { useI18n } from '../i18n/locale.tsx';

export function FiscalNote({ fiscal, testId }: { fiscal: FiscalReceiptDto[] | undefined; testId: string }) {
  const { t } = useI18n();
  const sale = fiscal?.find((f) => f.kind === 'sale');
  return (
    <p className="muted" data-testid={testId}>
      {sale ? (
        <>
          {t('checkout.fiscal', { number: sale.number, sign: sale.fiscalSign })}
          {sale.checkUrl && (
            <>
              {' '}
              <a href={sale.checkUrl} rel="noopener noreferrer">
                {t('checkout.fiscalCheck')}
              </a>
            </>
          )}
        </>
      ) : (
        t('receipt.fiscalPending')
      )}
    </p>
  );
}
