import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationInfoDto, SessionDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import type { FlashState } from '../components/flash.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkPassword, checkRequired } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

export function AcceptInvitation() {
  const { token = '' } = useParams();
  const { locale, t } = useI18n();
  const { user, adopt, signOut } = useSession();
  const navigate = useNavigate();
  const { data: info, error } = useApi<InvitationInfoDto>(`/invitations/${encodeURIComponent(token)}`);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm<'name' | 'password'>();
  const hubName = info ? localize(info.hub.name, locale) : '';
  usePageTitle(info ? t('invite.title', { hub: hubName }) : undefined);

  if (error) return <ErrorNote error={error} />;
  if (!info || user === undefined) return <Loading />;

  const here = `/invitations/${encodeURIComponent(token)}`;
  const backOffice = `/back-office/${info.hub.slug}`;

  async function accept(body: { name?: string; password?: string }) {
    const session = await api<SessionDto>('POST', `/invitations/${encodeURIComponent(token)}/accept`, body);
    adopt(session);
    navigate(backOffice, {
      state: { flash: 'invite.welcome', flashParams: { hub: hubName } } satisfies FlashState,
    });
  }

  async function onCreate(e: React.FormEvent) {
    e.preventDefault();
    await form.submit({ name: checkRequired(name), password: checkPassword(password) }, () =>
      accept({ name: name.trim(), password }),
    );
  }

  async function onAccept() {
    await form.submit({}, () => accept({}));
  }

  const sameEmail = !!user && user.email.toLowerCase() === info.email.toLowerCase();
  let body: React.ReactNode;
  if (info.accepted) {
    body = (
      <>
        <p>{t('invite.alreadyAccepted')}</p>
        <p>
          <Link to={backOffice}>{t('invite.openBackOffice')}</Link>
        </p>
      </>
    );
  } else if (info.expired) {
    body = <p>{t('invite.expired')}</p>;
  } else if (user && !sameEmail) {
    body = (
      <>
        <p>{t('invite.wrongAccount', { invited: info.email, email: user.email })}</p>
        <button type="button" className="button button-secondary" onClick={() => signOut()}>
          {t('header.signOut')}
        </button>
      </>
    );
  } else if (user) {
    body = (
      <>
        <p>{t('invite.signedInAs', { email: user.email })}</p>
        <FormAlert error={form.error} hasFieldErrors={false} />
        <button type="button" className="button" onClick={onAccept} disabled={form.busy}>
          {t('invite.accept')}
        </button>
      </>
    );
  } else if (info.hasAccount) {
    body = (
      <>
        <p>{t('invite.hasAccount')}</p>
        <Link
          className="button"
          to={`/sign-in?next=${encodeURIComponent(here)}&email=${encodeURIComponent(info.email)}`}
        >
          {t('invite.signInToAccept')}
        </Link>
      </>
    );
  } else {
    body = (
      <form className="form" onSubmit={onCreate} noValidate data-testid="accept-form">
        <p>{t('invite.createAccount')}</p>
        <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          value={info.email}
          onChange={() => {}}
          readOnly
        />
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
          {t('invite.accept')}
        </button>
      </form>
    );
  }

  return (
    <div className="narrow">
      <h1>{t('invite.title', { hub: hubName })}</h1>
      <p className="lead">
        {t('invite.intro', { email: info.email, hub: hubName, role: t(`role.${info.role}`) })}
      </p>
      {body}
    </div>
  );
}
