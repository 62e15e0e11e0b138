import type { AuditEntryDto, LocalizedTextDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { isMessageKey } from '../../common/i18n/index.ts';
import { HUB_ROLES, type HubRole } from '../../common/permissions.ts';
import { useI18n } from '../i18n/locale.tsx';

function isRole(x: unknown): x is HubRole {
  return typeof x === 'string' && (HUB_ROLES as readonly string[]).includes(x);
}

/**
 * Which record an audit entry is about, in words: its kind, a readable name (the record's
 * current name when the page knows it, else the email or address saved with the entry),
 * and the roles involved.
 */
export function AuditRecord({
  entry,
  names,
}: {
  entry: AuditEntryDto;
  names: ReadonlyMap<string, LocalizedTextDto>;
}) {
  const { locale, t } = useI18n();
  const kindKey = `audit.entity.${entry.entityType}`;
  const kind = isMessageKey(kindKey) ? t(kindKey) : entry.entityType;
  const d = entry.details;
  const known = entry.entityId ? names.get(entry.entityId) : undefined;
  const label = known
    ? localize(known, locale)
    : typeof d.email === 'string'
      ? d.email
      : typeof d.slug === 'string'
        ? d.slug
        : entry.entityId;
  const roles = [
    ...(Array.isArray(d.roles) ? d.roles : []),
    ...(d.role !== undefined ? [d.role] : []),
  ].filter(isRole);
  return (
    <>
      {kind}
      {label && (
        <>
          : <span className="wrap-anywhere">{label}</span>
        </>
      )}
      {roles.length > 0 && (
        <>
          <br />
          <span className="muted">{roles.map((r) => t(`role.${r}`)).join(', ')}</span>
        </>
      )}
    </>
  );
}
