import type { ReactNode } from 'react';
import { problemMessageKey } from '../api/problems.ts';
import { useI18n } from '../i18n/locale.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** An error from the API, explained in the reader's language. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t(problemMessageKey(error))}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A confirmation after an action; announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      <p>{children}</p>
    </div>
  );
}
