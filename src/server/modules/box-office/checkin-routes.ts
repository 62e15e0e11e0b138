import { Type } from '@sinclair/typebox';
import {
  HubParams,
  LocalizedTextSchema,
  literals,
  ProblemSchema,
  Uuid,
} from '../../../common/api/schemas.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { getPerformance } from '../program/service.ts';
import { attendance, doorList, recordScan, type ScanResult } from './checkin.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const PerfParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });
const AttendanceSchema = Type.Object({
  sold: Type.Integer(),
  inside: Type.Integer(),
  checkedIn: Type.Integer(),
});
const VerdictSchema = literals([
  'valid',
  'already_used',
  'wrong_event',
  'refunded',
  'exchanged',
  'forged',
  'not_inside',
] as const);

export const ScansBody = Type.Object(
  {
    scans: Type.Array(
      Type.Object(
        {
          id: Uuid,
          token: Type.String({ minLength: 1, maxLength: 1000 }),
          direction: literals(['in', 'out'] as const),
          scannedAt: Type.String({ format: 'date-time' }),
          deviceId: Type.String({ minLength: 1, maxLength: 100 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export function checkinRoutes(api: Api, { db, signer }: AppContext): void {
  api.post(
    '/hubs/:hub/performances/:id/checkins',
    {
      schema: {
        tags: ['door'],
        summary: 'Record door scans (live, or a batch synced after being offline); each scan gets a verdict',
        params: PerfParams,
        body: ScansBody,
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                id: Uuid,
                verdict: VerdictSchema,
                ticketId: Type.Union([Type.String(), Type.Null()]),
                seatId: Type.Union([Type.String(), Type.Null()]),
                orderNumber: Type.Union([Type.Integer(), Type.Null()]),
                firstEntryAt: Type.Union([Type.String(), Type.Null()]),
                duplicate: Type.Boolean(),
                proof: Type.Union([LocalizedTextSchema, Type.Null()]),
              }),
            ),
            attendance: AttendanceSchema,
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      const perf = await getPerformance(db, hub.id, req.params.id, { drafts: true });
      // Decide in the order things happened at the door, not the order they arrive.
      const scans = [...req.body.scans].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
      const results: ScanResult[] = [];
      for (const scan of scans)
        results.push(await db.tx((q) => recordScan(q, hub.id, perf.id, scan, signer)));
      const byId = new Map(results.map((r) => [r.id, r]));
      const ordered = req.body.scans.flatMap((s) => byId.get(s.id) ?? []);
      return { results: ordered, attendance: await attendance(db, perf.id) };
    },
  );

  api.get(
    '/hubs/:hub/performances/:id/attendance',
    {
      schema: {
        tags: ['door'],
        summary: 'Who is in: sold, checked in, inside now',
        params: PerfParams,
        response: { 200: AttendanceSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      const perf = await getPerformance(db, hub.id, req.params.id, { drafts: true });
      return attendance(db, perf.id);
    },
  );

  api.get(
    '/hubs/:hub/performances/:id/door-list',
    {
      schema: {
        tags: ['door'],
        summary:
          "What a scanner keeps for offline work: the hub's public key and the tickets with their state",
        params: PerfParams,
        response: {
          200: Type.Object({
            publicKey: Type.String(),
            performanceId: Uuid,
            tickets: Type.Array(
              Type.Object({
                id: Uuid,
                seatId: Type.Union([Type.String(), Type.Null()]),
                status: literals(['valid', 'refunded', 'exchanged'] as const),
                inside: Type.Boolean(),
                proof: Type.Union([LocalizedTextSchema, Type.Null()]),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      const perf = await getPerformance(db, hub.id, req.params.id, { drafts: true });
      return {
        publicKey: signer.publicKey(hub.id),
        performanceId: perf.id,
        tickets: await doorList(db, perf.id),
      };
    },
  );
}
