import { Type } from '@sinclair/typebox';
import {
  AcceptInvitationBody,
  HubParams,
  InvitationInfoSchema,
  InvitationSchema,
  InviteBody,
  ProblemSchema,
  SessionSchema,
  SetRolesBody,
  StaffMemberSchema,
  Uuid,
} from '../../../common/api/schemas.ts';
import { csrfTokenFor, requirePermission, setSessionCookie } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { invitationMail } from '../../platform/mail-templates.ts';
import { sessionUser } from '../accounts/routes.ts';
import { createSession, createUser, findUserByEmail } from '../accounts/service.ts';
import { recordAudit } from '../audit/service.ts';
import { getHubById, getHubBySlug } from '../hubs/service.ts';
import {
  acceptInvitation,
  createInvitation,
  findInvitationByToken,
  INVITATION_DAYS,
  listInvitations,
  listStaff,
  removeStaff,
  revokeInvitation,
  setRoles,
} from './service.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
};
const MemberParams = Type.Object({ hub: HubParams.properties.hub, userId: Uuid });
const InvitationParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
const NoContent = { 204: { type: 'null' } } as const;

export function staffRoutes(api: Api, { db, config, mailer }: AppContext): void {
  api.get(
    '/hubs/:hub/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff of a hub with their roles',
        params: HubParams,
        response: { 200: Type.Array(StaffMemberSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'staff.view', hub.id);
      return listStaff(db, hub.id);
    },
  );

  api.put(
    '/hubs/:hub/staff/:userId/roles',
    {
      schema: {
        tags: ['staff'],
        summary: "Replace a staff member's roles in this hub",
        params: MemberParams,
        body: SetRolesBody,
        response: { 200: StaffMemberSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'staff.manage', hub.id);
      return db.tx(async (q) => {
        const member = await setRoles(q, hub.id, req.params.userId, req.body.roles);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'staff.set_roles',
          entityType: 'user',
          entityId: member.userId,
          details: { email: member.email, roles: member.roles },
        });
        return member;
      });
    },
  );

  api.delete(
    '/hubs/:hub/staff/:userId',
    {
      schema: {
        tags: ['staff'],
        summary: 'Remove a person from the staff of this hub',
        params: MemberParams,
        response: { ...NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'staff.manage', hub.id);
      await db.tx(async (q) => {
        const member = await removeStaff(q, hub.id, req.params.userId);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'staff.remove',
          entityType: 'user',
          entityId: member.userId,
          details: { email: member.email, roles: member.roles },
        });
      });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/hubs/:hub/invitations',
    {
      schema: {
        tags: ['staff'],
        summary: 'Invitations of this hub',
        params: HubParams,
        response: { 200: Type.Array(InvitationSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'staff.manage', hub.id);
      return listInvitations(db, hub.id);
    },
  );

  api.post(
    '/hubs/:hub/invitations',
    {
      schema: {
        tags: ['staff'],
        summary: 'Invite someone by email to a role in this hub',
        params: HubParams,
        body: InviteBody,
        response: { 201: InvitationSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'staff.manage', hub.id);
      const { invitation, token } = await db.tx(async (q) => {
        const created = await createInvitation(q, hub.id, { ...req.body, invitedBy: auth.user.id });
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'staff.invite',
          entityType: 'invitation',
          entityId: created.invitation.id,
          details: { email: created.invitation.email, role: created.invitation.role },
        });
        return created;
      });
      const invitee = await findUserByEmail(db, invitation.email);
      const link = `${config.publicUrl}/invitations/${encodeURIComponent(token)}`;
      await mailer.send(
        invitationMail(
          invitation.email,
          invitee?.locale ?? auth.user.locale,
          link,
          hub.name,
          invitation.role,
          INVITATION_DAYS,
        ),
      );
      return reply.status(201).send(invitation);
    },
  );

  api.delete(
    '/hubs/:hub/invitations/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Withdraw a pending invitation',
        params: InvitationParams,
        response: { ...NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'staff.manage', hub.id);
      await db.tx(async (q) => {
        await revokeInvitation(q, hub.id, req.params.id);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'staff.revoke_invitation',
          entityType: 'invitation',
          entityId: req.params.id,
        });
      });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/invitations/:token',
    {
      schema: {
        tags: ['staff'],
        summary: 'What an invitation link offers',
        params: TokenParams,
        response: { 200: InvitationInfoSchema, ...problems },
      },
    },
    async (req) => {
      const inv = await findInvitationByToken(db, req.params.token);
      return {
        hub: await getHubById(db, inv.hubId),
        email: inv.email,
        role: inv.role,
        expired: inv.expired,
        accepted: inv.accepted,
        hasAccount: (await findUserByEmail(db, inv.email)) !== undefined,
      };
    },
  );

  api.post(
    '/invitations/:token/accept',
    {
      schema: {
        tags: ['staff'],
        summary:
          'Accept an invitation: signed in as the invited email, or creating the account with name and password',
        params: TokenParams,
        body: AcceptInvitationBody,
        response: { 200: SessionSchema, ...problems },
      },
    },
    async (req, reply) => {
      const pending = await findInvitationByToken(db, req.params.token);
      const existing = await findUserByEmail(db, pending.email);
      if (existing && req.auth?.user.id !== existing.id) {
        throw new HttpProblem(
          401,
          'unauthenticated',
          `Sign in as ${pending.email} to accept this invitation.`,
        );
      }
      if (!existing && req.auth) {
        throw new HttpProblem(
          403,
          'invitation_email_mismatch',
          `This invitation is for ${pending.email}; sign out to create that account.`,
        );
      }
      if (!existing && (!req.body.name || !req.body.password)) {
        throw new HttpProblem(
          400,
          'validation_failed',
          'Give your name and a password to create your account.',
          {
            errors: [
              ...(req.body.name ? [] : [{ path: 'body/name', message: 'is required' }]),
              ...(req.body.password ? [] : [{ path: 'body/password', message: 'is required' }]),
            ],
          },
        );
      }
      const { user, inv } = await db.tx(async (q) => {
        const user =
          existing ??
          (await createUser(
            q,
            { email: pending.email, name: req.body.name ?? '', password: req.body.password ?? '' },
            config.scryptCost,
          ));
        const inv = await acceptInvitation(q, req.params.token, user.id);
        await recordAudit(q, {
          hubId: inv.hubId,
          actorId: user.id,
          action: 'staff.accept_invitation',
          entityType: 'invitation',
          entityId: inv.id,
          details: { email: inv.email, role: inv.role },
        });
        return { user, inv };
      });
      void inv;
      let tokenHash = req.auth?.tokenHash;
      if (!tokenHash) {
        const session = await createSession(db, user.id);
        setSessionCookie(reply, config, session.token);
        tokenHash = session.tokenHash;
      }
      return { user: await sessionUser(db, user), csrfToken: csrfTokenFor(config.secret, tokenHash) };
    },
  );
}
