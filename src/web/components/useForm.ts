import { useState } from 'react';
import { fieldErrorPaths } from '../api/problems.ts';
import { useI18n } from '../i18n/locale.tsx';
import { type Check, serverCheckFor } from './validate.ts';

/**
 * Submitting a form: client checks first, then the API call; field errors from either
 * come back as messages in the reader's language, keyed by field name.
 */
export function useForm<F extends string>() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [checks, setChecks] = useState<Partial<Record<F, Check>>>({});

  const serverFields = fieldErrorPaths(error);
  const render = (c: Check) =>
    c ? t(c.key, c.count === undefined ? undefined : { count: c.count }) : undefined;

  function fieldError(field: F): string | undefined {
    const own = checks[field];
    if (own) return render(own);
    if (serverFields.has(field)) return render(serverCheckFor(field));
    return undefined;
  }

  /** Runs the checks; when all pass, calls the action. Resolves true on success. */
  async function submit(
    fieldChecks: Partial<Record<F, Check>>,
    action: () => Promise<void>,
  ): Promise<boolean> {
    setChecks(fieldChecks);
    setError(undefined);
    if (Object.values(fieldChecks).some(Boolean)) return false;
    setBusy(true);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const hasFieldErrors = Object.values(checks).some(Boolean) || serverFields.size > 0;
  return { busy, error, fieldError, submit, hasFieldErrors, reset: () => setError(undefined) };
}
