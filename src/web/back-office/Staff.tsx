import { useState } from 'react';
import type { InvitationDto, StaffMemberDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime } from '../../common/format.ts';
import { can } from '../../common/permissions.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote, Loading, Notice } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useBackOffice } from './context.ts';
import { InviteForm } from './InviteForm.tsx';
import { StaffRow } from './StaffRow.tsx';

export function Staff() {
  const { locale, t } = useI18n();
  const { hub, user, grants } = useBackOffice();
  const hubName = localize(hub.name, locale);
  const canManage = can(grants, 'staff.manage', hub.id);
  const staff = useApi<StaffMemberDto[]>(`/hubs/${hub.slug}/staff`);
  const invitations = useApi<InvitationDto[]>(canManage ? `/hubs/${hub.slug}/invitations` : null);
  const [notice, setNotice] = useState<string>();
  const [revokeError, setRevokeError] = useState<unknown>();
  usePageTitle(`${t('bo.nav.staff')} · ${hubName}`);

  const changed = (message: string) => {
    setNotice(message);
    staff.reload();
  };

  async function revoke(inv: InvitationDto) {
    setRevokeError(undefined);
    try {
      await api<void>('DELETE', `/hubs/${hub.slug}/invitations/${inv.id}`);
      setNotice(t('bo.invitations.revoked', { email: inv.email }));
      invitations.reload();
    } catch (e) {
      setRevokeError(e);
    }
  }

  const pending = (invitations.data ?? []).filter((i) => i.acceptedAt === null);
  const when = (iso: string) => formatDateTime(new Date(iso), locale, hub.timeZone);

  return (
    <>
      <h1>{t('bo.nav.staff')}</h1>
      {notice && <Notice>{notice}</Notice>}
      {staff.error !== undefined && <ErrorNote error={staff.error} onRetry={staff.reload} />}
      {staff.data ? (
        <>
          <p className="muted">{t('bo.staff.count', { count: staff.data.length })}</p>
          <TableWrap label={t('bo.nav.staff')}>
            <table data-testid="staff-table">
              <thead>
                <tr>
                  <th scope="col">{t('bo.staff.name')}</th>
                  <th scope="col">{t('bo.staff.email')}</th>
                  <th scope="col">{t('bo.staff.roles')}</th>
                  {canManage && <th scope="col">{t('bo.staff.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {staff.data.map((m) => (
                  <StaffRow
                    key={`${m.userId}:${m.roles.join()}`}
                    hubSlug={hub.slug}
                    hubName={hubName}
                    member={m}
                    isMe={m.userId === user.id}
                    canManage={canManage}
                    onChanged={changed}
                  />
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : (
        staff.error === undefined && <Loading />
      )}

      {canManage && (
        <>
          <h2>{t('bo.invite.title')}</h2>
          <InviteForm
            hubSlug={hub.slug}
            onInvited={(inv) => {
              setNotice(t('bo.invite.sent', { email: inv.email }));
              invitations.reload();
            }}
          />
          <h2>{t('bo.invitations.title')}</h2>
          {revokeError !== undefined && <ErrorNote error={revokeError} />}
          {invitations.error !== undefined && (
            <ErrorNote error={invitations.error} onRetry={invitations.reload} />
          )}
          {invitations.data &&
            (pending.length === 0 ? (
              <p>{t('bo.invitations.none')}</p>
            ) : (
              <TableWrap label={t('bo.invitations.title')}>
                <table data-testid="invitations-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('bo.staff.email')}</th>
                      <th scope="col">{t('bo.invite.role')}</th>
                      <th scope="col">{t('bo.invitations.sentAt')}</th>
                      <th scope="col">{t('bo.invitations.expiresAt')}</th>
                      <th scope="col">{t('bo.staff.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pending.map((inv) => (
                      <tr key={inv.id} data-testid={`invitation-${inv.email}`}>
                        <td className="wrap-anywhere">{inv.email}</td>
                        <td>{t(`role.${inv.role}`)}</td>
                        <td>{when(inv.invitedAt)}</td>
                        <td>{when(inv.expiresAt)}</td>
                        <td>
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={t('bo.invitations.revokeOf', { email: inv.email })}
                            onClick={() => revoke(inv)}
                          >
                            {t('bo.invitations.revoke')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ))}
        </>
      )}
    </>
  );
}
