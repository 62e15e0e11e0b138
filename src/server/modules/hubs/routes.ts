import { Type } from '@sinclair/typebox';
import {
  CreateHubBody,
  HubDetailSchema,
  HubParams,
  HubSchema,
  ProblemSchema,
  SpaceSchema,
  UpdateHubBody,
  UpdateSpaceBody,
} from '../../../common/api/schemas.ts';
import { requireNetworkAdmin, requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/service.ts';
import {
  createHub,
  getHubBySlug,
  getSpace,
  listHubs,
  listSpaces,
  updateHub,
  updateSpace,
} from './service.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const SpaceParams = Type.Object({
  hub: HubParams.properties.hub,
  space: Type.String({ minLength: 1, maxLength: 64 }),
});

export function hubRoutes(api: Api, { db }: AppContext): void {
  api.get(
    '/hubs',
    {
      schema: {
        tags: ['hubs'],
        summary: 'All hubs of the network',
        response: { 200: Type.Array(HubSchema) },
      },
    },
    async () => listHubs(db),
  );

  api.post(
    '/hubs',
    {
      schema: {
        tags: ['hubs'],
        summary: 'Open a new hub (network admin)',
        body: CreateHubBody,
        response: { 201: HubSchema, ...problems },
      },
    },
    async (req, reply) => {
      const auth = requireNetworkAdmin(req);
      const hub = await db.tx(async (q) => {
        const created = await createHub(q, req.body);
        await recordAudit(q, {
          hubId: created.id,
          actorId: auth.user.id,
          action: 'hub.create',
          entityType: 'hub',
          entityId: created.id,
          details: { slug: created.slug },
        });
        return created;
      });
      return reply.status(201).send(hub);
    },
  );

  api.get(
    '/hubs/:hub',
    {
      schema: {
        tags: ['hubs'],
        summary: 'A hub with its spaces',
        params: HubParams,
        response: { 200: HubDetailSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      return { ...hub, spaces: await listSpaces(db, hub.id) };
    },
  );

  api.patch(
    '/hubs/:hub',
    {
      schema: {
        tags: ['hubs'],
        summary: 'Edit a hub',
        params: HubParams,
        body: UpdateHubBody,
        response: { 200: HubSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'hub.edit', hub.id);
      return db.tx(async (q) => {
        const updated = await updateHub(q, hub.id, req.body);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'hub.update',
          entityType: 'hub',
          entityId: hub.id,
          details: { fields: Object.keys(req.body) },
        });
        return updated;
      });
    },
  );

  api.get(
    '/hubs/:hub/spaces/:space',
    {
      schema: {
        tags: ['hubs'],
        summary: 'One space of a hub',
        params: SpaceParams,
        response: { 200: SpaceSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      return getSpace(db, hub.id, req.params.space);
    },
  );

  api.patch(
    '/hubs/:hub/spaces/:space',
    {
      schema: {
        tags: ['hubs'],
        summary: 'Edit the name and description of a space',
        params: SpaceParams,
        body: UpdateSpaceBody,
        response: { 200: SpaceSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'spaces.edit', hub.id);
      const space = await getSpace(db, hub.id, req.params.space);
      return db.tx(async (q) => {
        const updated = await updateSpace(q, space.id, req.body);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'space.update',
          entityType: 'space',
          entityId: space.id,
          details: { slug: space.slug, fields: Object.keys(req.body) },
        });
        return updated;
      });
    },
  );
}
