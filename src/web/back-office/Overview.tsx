import { localize } from '../../common/content.ts';
import { type HubRole, PERMISSIONS, type Permission } from '../../common/permissions.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useBackOffice } from './context.ts';

// What a role may do, read from the one permission table.
function permissionsOf(role: HubRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    (PERMISSIONS[p] as readonly HubRole[]).includes(role),
  );
}

export function Overview() {
  const { locale, t } = useI18n();
  const { hub, user } = useBackOffice();
  const hubName = localize(hub.name, locale);
  usePageTitle(`${t('bo.nav.overview')} · ${hubName}`);
  const roles = user.hubs.find((h) => h.hubId === hub.id)?.roles ?? [];

  return (
    <>
      <h1>{hubName}</h1>
      <p className="muted">
        {localize(hub.city, locale)} · {t('bo.overview.timeZone', { timeZone: hub.timeZone })}
      </p>
      <h2>{t('bo.overview.yourRoles')}</h2>
      {user.networkAdmin && (
        <div className="role-card" data-testid="role-network_admin">
          <h3>{t('role.network_admin')}</h3>
          <p>{t('bo.overview.networkAdmin')}</p>
        </div>
      )}
      {roles.map((role) => (
        <div className="role-card" key={role} data-testid={`role-${role}`}>
          <h3>{t(`role.${role}`)}</h3>
          <p>{t('bo.overview.canDo')}</p>
          <ul>
            {permissionsOf(role).map((p) => (
              <li key={p}>{t(`permission.${p}`)}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
