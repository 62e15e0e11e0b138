import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SessionDto } from '../../common/api/schemas.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { safeReturnPath } from '../components/paths.ts';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkEmail, checkPassword, checkRequired } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

export function SignUp() {
  const { locale, t } = useI18n();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm<'name' | 'email' | 'password'>();
  usePageTitle(t('signUp.title'));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const checks = { name: checkRequired(name), email: checkEmail(email), password: checkPassword(password) };
    await form.submit(checks, async () => {
      const session = await api<SessionDto>('POST', '/auth/sign-up', {
        name: name.trim(),
        email: email.trim(),
        password,
        locale,
      });
      adopt(session);
      navigate(next ?? '/');
    });
  }

  return (
    <div className="narrow">
      <h1>{t('signUp.title')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="sign-up-form">
        <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
        <Field
          label={t('field.name')}
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          error={form.fieldError('name')}
        />
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          onChange={setEmail}
          error={form.fieldError('email')}
        />
        <Field
          label={t('field.password')}
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
          {t('signUp.submit')}
        </button>
      </form>
      <p>
        {t('signUp.haveAccount')} <Link to="/sign-in">{t('header.signIn')}</Link>
      </p>
    </div>
  );
}
