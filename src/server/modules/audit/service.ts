// The audit log: written in the same transaction as the change it records.
import type { AuditEntryDto, AuditPageDto } from '../../../common/api/schemas.ts';
import type { Queryable } from '../../platform/db/db.ts';

export interface AuditRecord {
  hubId: string | null;
  actorId: string | null;
  /** verb.noun, e.g. "space.update", "staff.invite" */
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(q: Queryable, r: AuditRecord): Promise<void> {
  await q.query(
    'insert into audit_log (hub_id, actor_id, action, entity_type, entity_id, details) values ($1, $2, $3, $4, $5, $6)',
    [r.hubId, r.actorId, r.action, r.entityType, r.entityId ?? null, r.details ?? {}],
  );
}

/** Newest first, keyset-paged by id. */
export async function listAudit(
  q: Queryable,
  hubId: string,
  opts: { before?: string | undefined; limit?: number | undefined },
): Promise<AuditPageDto> {
  const limit = opts.limit ?? 50;
  const rows = await q.query<{
    id: string;
    at: Date | string;
    hubId: string | null;
    actorId: string | null;
    actorEmail: string | null;
    actorName: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    details: Record<string, unknown>;
  }>(
    `select a.id::text as id, a.at, a.hub_id as "hubId", a.actor_id as "actorId", u.email as "actorEmail",
            u.name as "actorName", a.action, a.entity_type as "entityType", a.entity_id as "entityId", a.details
       from audit_log a left join users u on u.id = a.actor_id
      where a.hub_id = $1 and ($2::bigint is null or a.id < $2::bigint)
      order by a.id desc limit $3`,
    [hubId, opts.before ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const entries: AuditEntryDto[] = page.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    hubId: r.hubId,
    actor: r.actorId && r.actorEmail ? { id: r.actorId, email: r.actorEmail, name: r.actorName ?? '' } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    details: r.details,
  }));
  return { entries, nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
