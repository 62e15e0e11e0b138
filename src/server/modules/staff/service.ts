// Staff of a hub: roles granted per hub, and invitations by email.
import type { InvitationDto, StaffMemberDto } from '../../../common/api/schemas.ts';
import type { HubRole } from '../../../common/permissions.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';

export const INVITATION_DAYS = 7;

/** hub id → roles, for one account. */
export async function rolesOfUser(q: Queryable, userId: string): Promise<Map<string, HubRole[]>> {
  const rows = await q.query<{ hubId: string; role: HubRole }>(
    'select hub_id as "hubId", role from hub_roles where user_id = $1 order by role',
    [userId],
  );
  return groupRoles(rows);
}

/** The same roles as a JSON array column, for a query that reads the account anyway (the session). */
export const ROLES_OF_USER_JSON = (userIdColumn: string) =>
  `coalesce((select json_agg(json_build_object('hubId', r.hub_id, 'role', r.role) order by r.role)
               from hub_roles r where r.user_id = ${userIdColumn}), '[]'::json)`;

export function groupRoles(rows: readonly { hubId: string; role: HubRole }[]): Map<string, HubRole[]> {
  const map = new Map<string, HubRole[]>();
  for (const r of rows) map.set(r.hubId, [...(map.get(r.hubId) ?? []), r.role]);
  return map;
}

export async function listStaff(q: Queryable, hubId: string): Promise<StaffMemberDto[]> {
  return q.query<StaffMemberDto>(
    `select u.id as "userId", u.email, u.name, array_agg(r.role order by r.role) as roles
       from hub_roles r join users u on u.id = r.user_id
      where r.hub_id = $1 group by u.id order by u.name, u.email`,
    [hubId],
  );
}

export async function getStaffMember(q: Queryable, hubId: string, userId: string): Promise<StaffMemberDto> {
  const m = await maybeOne<StaffMemberDto>(
    q,
    `select u.id as "userId", u.email, u.name, array_agg(r.role order by r.role) as roles
       from hub_roles r join users u on u.id = r.user_id
      where r.hub_id = $1 and r.user_id = $2 group by u.id`,
    [hubId, userId],
  );
  if (!m) throw notFound('This person is not on the staff of this hub.');
  return m;
}

export async function grantRole(q: Queryable, hubId: string, userId: string, role: HubRole): Promise<void> {
  await q.query('insert into hub_roles (hub_id, user_id, role) values ($1, $2, $3) on conflict do nothing', [
    hubId,
    userId,
    role,
  ]);
}

/** A hub must keep at least one hub admin; the row lock makes two concurrent demotions see each other. */
async function assertAdminRemains(q: Queryable, hubId: string, userId: string): Promise<void> {
  const admins = await q.query<{ userId: string }>(
    `select user_id as "userId" from hub_roles where hub_id = $1 and role = 'hub_admin' for update`,
    [hubId],
  );
  if (admins.length > 0 && admins.every((a) => a.userId === userId)) {
    throw new HttpProblem(
      409,
      'last_admin',
      'A hub needs at least one hub admin; make someone else admin first.',
    );
  }
}

export async function setRoles(
  q: Queryable,
  hubId: string,
  userId: string,
  roles: HubRole[],
): Promise<StaffMemberDto> {
  const before = await getStaffMember(q, hubId, userId);
  if (before.roles.includes('hub_admin') && !roles.includes('hub_admin'))
    await assertAdminRemains(q, hubId, userId);
  await q.query('delete from hub_roles where hub_id = $1 and user_id = $2 and not (role = any($3::text[]))', [
    hubId,
    userId,
    roles,
  ]);
  for (const role of roles) await grantRole(q, hubId, userId, role);
  return getStaffMember(q, hubId, userId);
}

export async function removeStaff(q: Queryable, hubId: string, userId: string): Promise<StaffMemberDto> {
  const member = await getStaffMember(q, hubId, userId);
  if (member.roles.includes('hub_admin')) await assertAdminRemains(q, hubId, userId);
  await q.query('delete from hub_roles where hub_id = $1 and user_id = $2', [hubId, userId]);
  return member;
}

type InvitationRow = {
  id: string;
  email: string;
  role: HubRole;
  invitedAt: Date | string;
  expiresAt: Date | string;
  acceptedAt: Date | string | null;
};
const INVITATION_COLUMNS =
  'id, email, role, created_at as "invitedAt", expires_at as "expiresAt", accepted_at as "acceptedAt"';
const iso = (d: Date | string) => new Date(d).toISOString();
const toInvitation = (r: InvitationRow): InvitationDto => ({
  id: r.id,
  email: r.email,
  role: r.role,
  invitedAt: iso(r.invitedAt),
  expiresAt: iso(r.expiresAt),
  acceptedAt: r.acceptedAt ? iso(r.acceptedAt) : null,
});

export async function listInvitations(q: Queryable, hubId: string): Promise<InvitationDto[]> {
  const rows = await q.query<InvitationRow>(
    `select ${INVITATION_COLUMNS} from invitations where hub_id = $1 and revoked_at is null order by created_at desc`,
    [hubId],
  );
  return rows.map(toInvitation);
}

export async function createInvitation(
  q: Queryable,
  hubId: string,
  input: { email: string; role: HubRole; invitedBy: string },
): Promise<{ invitation: InvitationDto; token: string }> {
  const token = randomToken();
  const row = await one<InvitationRow>(
    q,
    `insert into invitations (hub_id, email, role, token_hash, invited_by, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) returning ${INVITATION_COLUMNS}`,
    [hubId, input.email.trim().toLowerCase(), input.role, sha256(token), input.invitedBy, INVITATION_DAYS],
  );
  return { invitation: toInvitation(row), token };
}

export async function revokeInvitation(q: Queryable, hubId: string, invitationId: string): Promise<void> {
  const rows = await q.query(
    'update invitations set revoked_at = now() where id = $1 and hub_id = $2 and revoked_at is null and accepted_at is null returning id',
    [invitationId, hubId],
  );
  if (rows.length === 0) throw notFound('There is no pending invitation with this id in this hub.');
}

export interface PendingInvitation {
  id: string;
  hubId: string;
  email: string;
  role: HubRole;
  expired: boolean;
  accepted: boolean;
}

export async function findInvitationByToken(q: Queryable, token: string): Promise<PendingInvitation> {
  const inv = await maybeOne<PendingInvitation>(
    q,
    `select id, hub_id as "hubId", email, role, expires_at <= now() as expired, accepted_at is not null as accepted
       from invitations where token_hash = $1 and revoked_at is null`,
    [sha256(token)],
  );
  if (!inv)
    throw new HttpProblem(404, 'token_invalid', 'This invitation link is not valid or was withdrawn.');
  return inv;
}

/** Marks the invitation used (once: the conditional update guards concurrent accepts) and grants the role. */
export async function acceptInvitation(
  q: Queryable,
  token: string,
  userId: string,
): Promise<PendingInvitation> {
  const inv = await maybeOne<PendingInvitation>(
    q,
    `update invitations set accepted_at = now()
      where token_hash = $1 and revoked_at is null and accepted_at is null and expires_at > now()
      returning id, hub_id as "hubId", email, role, false as expired, true as accepted`,
    [sha256(token)],
  );
  if (!inv) {
    await findInvitationByToken(q, token); // throws token_invalid when unknown
    throw new HttpProblem(
      410,
      'token_expired',
      'This invitation has expired or was already used. Ask for a new one.',
    );
  }
  await grantRole(q, inv.hubId, userId, inv.role);
  return inv;
}
