import { useState } from 'react';
import type { StaffMemberDto } from '../../common/api/schemas.ts';
import { ASSIGNABLE_ROLES, type HubRole } from '../../common/permissions.ts';
import { api } from '../api/client.ts';
import { ErrorNote } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';

interface Props {
  hubSlug: string;
  hubName: string;
  member: StaffMemberDto;
  isMe: boolean;
  canManage: boolean;
  onChanged: (message: string) => void;
}

export function StaffRow({ hubSlug, hubName, member, isMe, canManage, onChanged }: Props) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<HubRole[]>(member.roles);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [noRole, setNoRole] = useState(false);
  const path = `/hubs/${hubSlug}/staff/${member.userId}`;
  const dirty = [...roles].sort().join() !== [...member.roles].sort().join();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function toggle(role: HubRole, on: boolean) {
    setNoRole(false);
    setRoles((rs) =>
      on ? ASSIGNABLE_ROLES.filter((r) => r === role || rs.includes(r)) : rs.filter((r) => r !== role),
    );
  }

  async function saveRoles(e: React.FormEvent) {
    e.preventDefault();
    if (roles.length === 0) {
      setNoRole(true);
      return;
    }
    await run(async () => {
      await api<StaffMemberDto>('PUT', `${path}/roles`, { roles });
      onChanged(t('bo.staff.rolesSaved', { name: member.name }));
    });
  }

  const remove = () =>
    run(async () => {
      await api<void>('DELETE', path);
      onChanged(t('bo.staff.removed', { name: member.name }));
    });

  return (
    <tr data-testid={`staff-${member.email}`}>
      <td>
        {member.name}
        {isMe && <span className="muted"> ({t('bo.staff.you')})</span>}
      </td>
      <td className="wrap-anywhere">{member.email}</td>
      <td>
        {canManage ? (
          <form onSubmit={saveRoles} className="roles-form">
            <fieldset>
              <legend className="visually-hidden">{t('bo.staff.rolesOf', { name: member.name })}</legend>
              {ASSIGNABLE_ROLES.map((r) => (
                <label key={r} className="check">
                  <input
                    type="checkbox"
                    name="roles"
                    value={r}
                    checked={roles.includes(r)}
                    onChange={(e) => toggle(r, e.target.checked)}
                  />
                  {t(`role.${r}`)}
                </label>
              ))}
            </fieldset>
            {noRole && <p className="field-error">{t('bo.staff.pickRole')}</p>}
            {dirty && (
              <button type="submit" className="button button-small" disabled={busy}>
                {t('bo.staff.saveRoles')}
              </button>
            )}
          </form>
        ) : (
          member.roles.map((r) => t(`role.${r}`)).join(', ')
        )}
        {error !== undefined && <ErrorNote error={error} />}
      </td>
      {canManage && (
        <td>
          {confirming ? (
            <div className="confirm">
              <p>{t('bo.staff.confirmRemove', { name: member.name, hub: hubName })}</p>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={remove}
                disabled={busy}
              >
                {t('bo.staff.remove')}
              </button>{' '}
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => setConfirming(false)}
              >
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={t('bo.staff.removeOf', { name: member.name })}
              onClick={() => setConfirming(true)}
            >
              {t('bo.staff.remove')}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
