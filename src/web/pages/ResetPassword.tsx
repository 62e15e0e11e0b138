import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkPassword } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';

export function ResetPassword() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const form = useForm<'password'>();
  usePageTitle(t('reset.title'));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    await form.submit({ password: checkPassword(password) }, async () => {
      await api<void>('POST', '/auth/password-reset/confirm', { token, password });
      navigate('/sign-in?reset=done');
    });
  }

  if (!token)
    return (
      <div className="narrow">
        <h1>{t('reset.title')}</h1>
        <p>{t('reset.missingToken')}</p>
        <p>
          <Link to="/forgot-password">{t('reset.requestNew')}</Link>
        </p>
      </div>
    );

  return (
    <div className="narrow">
      <h1>{t('reset.title')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="reset-form">
        <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
        <Field
          label={t('field.newPassword')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          hint={t('field.passwordHint')}
          value={password}
          onChange={setPassword}
          error={form.fieldError('password')}
        />
        <button type="submit" className="button" disabled={form.busy}>
          {t('reset.submit')}
        </button>
      </form>
      {form.error !== undefined && (
        <p>
          <Link to="/forgot-password">{t('reset.requestNew')}</Link>
        </p>
      )}
    </div>
  );
}
