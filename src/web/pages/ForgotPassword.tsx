import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkEmail } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';

export function ForgotPassword() {
  const { locale, t } = useI18n();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const form = useForm<'email'>();
  usePageTitle(t('forgot.title'));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    await form.submit({ email: checkEmail(email) }, async () => {
      await api<void>('POST', '/auth/password-reset', { email: email.trim(), locale });
      setSentTo(email.trim());
    });
  }

  return (
    <div className="narrow">
      <h1>{t('forgot.title')}</h1>
      {sentTo ? (
        <div className="alert alert-success" role="status" data-testid="reset-sent">
          <p>{t('forgot.sent', { email: sentTo })}</p>
        </div>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <form className="form" onSubmit={onSubmit} noValidate data-testid="forgot-form">
            <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
            <Field
              label={t('field.email')}
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={setEmail}
              error={form.fieldError('email')}
            />
            <button type="submit" className="button" disabled={form.busy}>
              {t('forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/sign-in">{t('header.signIn')}</Link>
      </p>
    </div>
  );
}
