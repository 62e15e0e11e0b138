import { useI18n } from '../i18n/locale.tsx';
import { ErrorNote } from './Status.tsx';

/** The message at the top of a form: the API's problem, or a pointer to the marked fields. */
export function FormAlert({ error, hasFieldErrors }: { error: unknown; hasFieldErrors: boolean }) {
  const { t } = useI18n();
  if (error) return <ErrorNote error={error} />;
  if (hasFieldErrors)
    return (
      <div className="alert alert-error" role="alert">
        <p>{t('form.fixErrors')}</p>
      </div>
    );
  return null;
}
