import type { FastifyRequest } from 'fastify';
import {
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  ProblemSchema,
  type SessionDto,
  SessionSchema,
  type SessionUser,
  SessionUserSchema,
  SignInBody,
  SignUpBody,
  UpdateMeBody,
} from '../../../common/api/schemas.ts';
import { isLocale, negotiateLocale } from '../../../common/locales.ts';
import { clearSessionCookie, csrfTokenFor, requireUser, setSessionCookie } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { passwordResetMail } from '../../platform/mail-templates.ts';
import { listHubs } from '../hubs/service.ts';
import { rolesOfUser } from '../staff/service.ts';
import {
  authenticate,
  confirmPasswordReset,
  createPasswordReset,
  createSession,
  createUser,
  deleteSession,
  RESET_TOKEN_MINUTES,
  type User,
  updateUser,
} from './service.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
  429: ProblemSchema,
};

export async function sessionUser(q: Queryable, user: User): Promise<SessionUser> {
  const roles = await rolesOfUser(q, user.id);
  const hubs = (await listHubs(q)).filter((h) => roles.has(h.id));
  return {
    ...user,
    hubs: hubs.map((h) => ({ hubId: h.id, hubSlug: h.slug, hubName: h.name, roles: roles.get(h.id) ?? [] })),
  };
}

export function accountRoutes(api: Api, { db, config, mailer }: AppContext): void {
  const sessionOf = async (user: User | null, tokenHash: string | null): Promise<SessionDto> => ({
    user: user ? await sessionUser(db, user) : null,
    csrfToken: tokenHash ? csrfTokenFor(config.secret, tokenHash) : '',
  });
  const localeOf = (req: FastifyRequest) => {
    const cookie = req.cookies.locale;
    return cookie && isLocale(cookie) ? cookie : negotiateLocale(req.headers['accept-language']);
  };

  api.get(
    '/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in, and the CSRF token for writes',
        response: { 200: SessionSchema },
      },
    },
    async (req) => sessionOf(req.auth?.user ?? null, req.auth?.tokenHash ?? null),
  );

  api.post(
    '/auth/sign-up',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a visitor account and sign in',
        body: SignUpBody,
        response: { 201: SessionSchema, ...problems },
      },
    },
    async (req, reply) => {
      const user = await createUser(
        db,
        { ...req.body, locale: req.body.locale ?? localeOf(req) },
        config.scryptCost,
      );
      const { token, tokenHash } = await createSession(db, user.id);
      setSessionCookie(reply, config, token);
      return reply.status(201).send(await sessionOf(user, tokenHash));
    },
  );

  api.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email and password',
        body: SignInBody,
        response: { 200: SessionSchema, ...problems },
      },
    },
    async (req, reply) => {
      const user = await authenticate(db, req.body.email, req.body.password, req.ip, config.scryptCost);
      if (req.auth) await deleteSession(db, req.auth.tokenHash);
      const { token, tokenHash } = await createSession(db, user.id);
      setSessionCookie(reply, config, token);
      return sessionOf(user, tokenHash);
    },
  );

  api.post(
    '/auth/sign-out',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End this session',
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (req, reply) => {
      if (req.auth) await deleteSession(db, req.auth.tokenHash);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Mail a single-use reset link (answers the same whether or not the account exists)',
        body: PasswordResetRequestBody,
        response: { 202: { type: 'object', properties: { accepted: { type: 'boolean' } } }, ...problems },
      },
    },
    async (req, reply) => {
      const reset = await createPasswordReset(db, req.body.email);
      if (reset) {
        const link = `${config.publicUrl}/reset-password?token=${encodeURIComponent(reset.token)}`;
        const locale = req.body.locale ?? reset.user.locale;
        await mailer.send(passwordResetMail(reset.user.email, locale, link, RESET_TOKEN_MINUTES));
      }
      return reply.status(202).send({ accepted: true });
    },
  );

  api.post(
    '/auth/password-reset/confirm',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with a reset token',
        body: PasswordResetConfirmBody,
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (req, reply) => {
      await db.tx((q) => confirmPasswordReset(q, req.body.token, req.body.password, config.scryptCost));
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  api.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change your name or language',
        body: UpdateMeBody,
        response: { 200: SessionUserSchema, ...problems },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      return sessionUser(db, await updateUser(db, auth.user.id, req.body));
    },
  );
}
