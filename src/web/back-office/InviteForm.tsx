import { useId, useState } from 'react';
import type { InvitationDto } from '../../common/api/schemas.ts';
import { ASSIGNABLE_ROLES, type HubRole } from '../../common/permissions.ts';
import { api } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { useForm } from '../components/useForm.ts';
import { checkEmail } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';

export function InviteForm({
  hubSlug,
  onInvited,
}: {
  hubSlug: string;
  onInvited: (inv: InvitationDto) => void;
}) {
  const { t } = useI18n();
  const roleId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<HubRole>('program_manager');
  const form = useForm<'email' | 'role'>();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    await form.submit({ email: checkEmail(email) }, async () => {
      const inv = await api<InvitationDto>('POST', `/hubs/${hubSlug}/invitations`, {
        email: email.trim(),
        role,
      });
      setEmail('');
      onInvited(inv);
    });
  }

  return (
    <form className="form invite-form" onSubmit={onSubmit} noValidate data-testid="invite-form">
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      <div className="form-row">
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
          error={form.fieldError('email')}
        />
        <div className="field">
          <label htmlFor={roleId}>{t('bo.invite.role')}</label>
          <select id={roleId} name="role" value={role} onChange={(e) => setRole(e.target.value as HubRole)}>
            {ASSIGNABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button" disabled={form.busy}>
        {t('bo.invite.submit')}
      </button>
    </form>
  );
}
