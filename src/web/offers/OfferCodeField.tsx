// "Promo code or membership card" in the visitor's checkout; its error is shown beside it.
import { problemMessageKey } from '../api/problems.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { isOfferCodeProblem } from './codes.ts';
import './offers.css';

export function OfferCodeField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  /** the checkout's last error; shown here when it is about the code */
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <div className="offer-code" data-testid="offer-code">
      <Field
        label={
          <>
            {t('offers.code.label')} <span className="optional">{t('common.optional')}</span>
          </>
        }
        name="offerCode"
        autoComplete="off"
        maxLength={40}
        hint={t('offers.code.hint')}
        value={value}
        onChange={onChange}
        error={isOfferCodeProblem(error) ? t(problemMessageKey(error)) : undefined}
      />
    </div>
  );
}
