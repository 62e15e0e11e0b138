// Who is asking: resolves the session cookie on every request, guards cookie-authenticated
// writes against CSRF, and offers the checks routes use (signed in, may do X in hub Y).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Grants, type Permission } from '../../common/permissions.ts';
import type { Config } from '../config.ts';
import { resolveSession, SESSION_MAX_DAYS, type User } from '../modules/accounts/service.ts';
import { hmac, safeEqual } from './crypto.ts';
import type { Db } from './db/db.ts';
import { forbidden, HttpProblem, unauthenticated } from './errors.ts';

export const SESSION_COOKIE = 'ozge_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Auth {
  user: User;
  tokenHash: string;
  grants: Grants & { hubRoles: Map<string, import('../../common/permissions.ts').HubRole[]> };
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
    /** A session cookie came but its session has expired or was signed out elsewhere. */
    authExpired: boolean;
  }
}

export const csrfTokenFor = (secret: string, tokenHash: string) => hmac(secret, `csrf:${tokenHash}`);

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_MAX_DAYS * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function installAuth(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('authExpired', false);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = token.length <= 100 ? await resolveSession(db, token) : ({ status: 'unknown' } as const);
    if (found.status !== 'valid') {
      req.authExpired = true;
      clearSessionCookie(reply);
      return;
    }
    req.auth = {
      user: found.user,
      tokenHash: found.tokenHash,
      grants: { networkAdmin: found.user.networkAdmin, hubRoles: found.hubRoles },
    };
    // Writes that ride on the cookie must prove they come from our own pages.
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(config.secret, found.tokenHash))) {
        throw new HttpProblem(
          403,
          'csrf_failed',
          'The form is out of date (missing or wrong CSRF token). Reload the page and try again.',
        );
      }
    }
  });
}

export function requireUser(req: FastifyRequest): Auth {
  if (req.auth) return req.auth;
  if (req.authExpired)
    throw new HttpProblem(401, 'session_expired', 'Your session has expired. Sign in again.');
  throw unauthenticated();
}

export function requirePermission(req: FastifyRequest, permission: Permission, hubId: string): Auth {
  const auth = requireUser(req);
  if (!can(auth.grants, permission, hubId)) throw forbidden();
  return auth;
}

export function requireNetworkAdmin(req: FastifyRequest): Auth {
  const auth = requireUser(req);
  if (!auth.grants.networkAdmin) throw forbidden('Only a network admin may do this.');
  return auth;
}
