import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SessionDto } from '../../common/api/schemas.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { safeReturnPath } from '../components/paths.ts';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkRequired } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

export function SignIn() {
  const { t } = useI18n();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const form = useForm<'email' | 'password'>();
  usePageTitle(t('signIn.title'));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    await form.submit({ email: checkRequired(email), password: checkRequired(password) }, async () => {
      const session = await api<SessionDto>('POST', '/auth/sign-in', { email: email.trim(), password });
      adopt(session);
      navigate(next ?? '/');
    });
  }

  return (
    <div className="narrow">
      <h1>{t('signIn.title')}</h1>
      {params.get('reset') === 'done' && (
        <div className="alert alert-success" role="status">
          <p>{t('signIn.passwordChanged')}</p>
        </div>
      )}
      <form className="form" onSubmit={onSubmit} noValidate data-testid="sign-in-form">
        <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={form.fieldError('email')}
        />
        <Field
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={form.fieldError('password')}
        />
        <button type="submit" className="button" disabled={form.busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p>
        {t('signIn.noAccount')}{' '}
        <Link to={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>{t('header.signUp')}</Link>
      </p>
    </div>
  );
}
