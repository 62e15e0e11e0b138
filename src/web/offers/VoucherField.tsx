// "Gift voucher" in the visitor's checkout: the code, a link to check what is left on it, and
// the checkout's error when it is about the voucher.
import { Link } from 'react-router';
import { problemMessageKey } from '../api/problems.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { isVoucherProblem } from './codes.ts';
import './offers.css';

export function VoucherField({
  hubSlug,
  value,
  onChange,
  error,
}: {
  hubSlug: string;
  value: string;
  onChange: (value: string) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <div className="offer-code" data-testid="voucher-code">
      <Field
        label={
          <>
            {t('offers.voucher.label')} <span className="optional">{t('common.optional')}</span>
          </>
        }
        name="voucherCode"
        autoComplete="off"
        maxLength={40}
        hint={
          <>
            {t('offers.voucher.hint')}{' '}
            <Link to={`/${hubSlug}/gift-voucher`} target="_blank">
              {t('offers.voucher.checkBalance')}
            </Link>
          </>
        }
        value={value}
        onChange={onChange}
        error={isVoucherProblem(error) ? t(problemMessageKey(error)) : undefined}
      />
    </div>
  );
}
