// Every API route, read from the published OpenAPI document, with sample path parameters.
import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  hasBody: boolean;
  params: string[];
}

export function apiRoutes(app: FastifyInstance): RouteInfo[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  const routes: RouteInfo[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      routes.push({
        method: method.toUpperCase() as RouteInfo['method'],
        path,
        hasBody: op.requestBody !== undefined,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
      });
    }
  }
  return routes;
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? `missing-${name}`),
  );
}

/** Routes anyone may call without a role: the public site and the account itself. */
export const PUBLIC_ROUTES = new Set([
  'GET /api/v1/session',
  'POST /api/v1/auth/sign-up',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'PATCH /api/v1/me',
  'GET /api/v1/hubs',
  'GET /api/v1/hubs/{hub}',
  'GET /api/v1/hubs/{hub}/spaces/{space}',
  'GET /api/v1/invitations/{token}',
  'POST /api/v1/invitations/{token}/accept',
  'GET /api/v1/hubs/{hub}/program',
  'GET /api/v1/hubs/{hub}/events/{event}',
  'GET /api/v1/hubs/{hub}/performances/{id}',
  'GET /api/v1/hubs/{hub}/performances/{id}/seats',
  'GET /api/v1/hubs/{hub}/spaces/{space}/seat-maps',
  'POST /api/v1/hubs/{hub}/performances/{id}/holds',
  'GET /api/v1/hubs/{hub}/holds/{id}',
  'DELETE /api/v1/hubs/{hub}/holds/{id}',
  'POST /api/v1/hubs/{hub}/orders',
  'GET /api/v1/hubs/{hub}/orders/{id}',
  'GET /api/v1/hubs/{hub}/orders/{id}/tickets.pdf',
  'GET /api/v1/hubs/{hub}/orders/{id}/receipt',
  'GET /api/v1/hubs/{hub}/calendar.ics',
  'GET /api/v1/hubs/{hub}/events/{event}/calendar.ics',
  'GET /api/v1/hubs/{hub}/events/{event}/jsonld',
  'GET /api/v1/me/orders',
  'GET /api/v1/hubs/{hub}/ticket-key',
  'POST /api/v1/hubs/{hub}/performances/{id}/waitlist',
  'GET /api/v1/hubs/{hub}/waitlist/{id}',
  'DELETE /api/v1/hubs/{hub}/waitlist/{id}',
  'GET /api/v1/hubs/{hub}/membership-plans',
  'POST /api/v1/hubs/{hub}/membership-purchases',
  'GET /api/v1/hubs/{hub}/membership-purchases/{id}',
  'GET /api/v1/me/memberships',
  'POST /api/v1/hubs/{hub}/performances/{id}/quote',
  'POST /api/v1/hubs/{hub}/waitlist/{id}/claim',
  'POST /api/v1/hubs/{hub}/gift-vouchers/balance',
  'GET /api/v1/hubs/{hub}/events',
  'POST /api/v1/payments/sandbox/callback',
]);
