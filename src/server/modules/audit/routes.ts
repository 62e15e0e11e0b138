import { AuditPageSchema, AuditQuery, HubParams, ProblemSchema } from '../../../common/api/schemas.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { listAudit } from './service.ts';

export function auditRoutes(api: Api, { db }: AppContext): void {
  api.get(
    '/hubs/:hub/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "The hub's audit log, newest first",
        params: HubParams,
        querystring: AuditQuery,
        response: {
          200: AuditPageSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'audit.view', hub.id);
      return listAudit(db, hub.id, {
        before: req.query.before,
        limit: req.query.limit ? Number(req.query.limit) : undefined,
      });
    },
  );
}
