// Reports for the box office, program managers and hub admins: JSON, or CSV with ?format=csv.
import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VoucherMovementReport } from '../../../common/api/gift-vouchers.ts';
import {
  CategoryRevenueReport,
  EventSalesReport,
  MethodRevenueReport,
  PerformanceSalesReport,
  ReportQuery,
} from '../../../common/api/reports.ts';
import { HubParams, ProblemSchema } from '../../../common/api/schemas.ts';
import { isLocale, negotiateLocale } from '../../../common/locales.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { voucherMovements } from '../offers/vouchers.ts';
import { getEvent } from '../program/service.ts';
import {
  CATEGORY_COLUMNS,
  type CsvColumn,
  EVENT_COLUMNS,
  eventSales,
  METHOD_COLUMNS,
  PERFORMANCE_COLUMNS,
  performanceSales,
  type ReportFilter,
  revenueByCategory,
  revenueByMethod,
  toCsv,
  VOUCHER_COLUMNS,
} from './reports.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

interface ReportDef<T> {
  path: string;
  name: string;
  summary: string;
  schema: TSchema;
  rows(q: Queryable, f: ReportFilter): Promise<T[]>;
  columns: CsvColumn<T>[];
}

type Query = { from?: string; to?: string; event?: string; format?: 'json' | 'csv'; lang?: string };

export function reportsRoutes(api: Api, { db }: AppContext): void {
  const register = <T>(def: ReportDef<T>) =>
    api.get(
      `/hubs/:hub/reports/${def.path}`,
      {
        schema: {
          tags: ['reports'],
          summary: `${def.summary}. ?format=csv gives a CSV file for Excel.`,
          params: HubParams,
          querystring: ReportQuery,
          response: { 200: def.schema, ...problems },
        },
      },
      async (req: FastifyRequest<{ Params: { hub: string }; Querystring: Query }>, reply: FastifyReply) => {
        const hub = await getHubBySlug(db, req.params.hub);
        requirePermission(req, 'reports.view', hub.id);
        const { from, to, event, format, lang } = req.query;
        if (from && to && from > to)
          throw new HttpProblem(
            400,
            'validation_failed',
            'The report starts after it ends: swap "from" and "to".',
            {
              errors: [{ path: 'querystring/to', message: 'must not be before from' }],
            },
          );
        const eventId = event ? (await getEvent(db, hub.id, event, { drafts: true })).id : undefined;
        const rows = await def.rows(db, { hubId: hub.id, timeZone: hub.timeZone, from, to, eventId });
        reply.header('cache-control', 'private, no-store');
        if (format === 'csv') {
          const locale = isLocale(lang) ? lang : negotiateLocale(req.headers['accept-language']);
          const file = `${def.name}-${hub.slug}${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${file}"`)
            .send(toCsv(rows, def.columns, locale, hub.timeZone));
        }
        return { from: from ?? null, to: to ?? null, timeZone: hub.timeZone, rows };
      },
    );

  register({
    path: 'performances',
    name: 'sales-by-performance',
    summary: 'Sales, occupancy and check-in per performance starting within the dates',
    schema: PerformanceSalesReport,
    rows: performanceSales,
    columns: PERFORMANCE_COLUMNS,
  });
  register({
    path: 'events',
    name: 'sales-by-event',
    summary: 'Sales, occupancy and check-in per event, over its performances within the dates',
    schema: EventSalesReport,
    rows: eventSales,
    columns: EVENT_COLUMNS,
  });
  register({
    path: 'payment-methods',
    name: 'revenue-by-payment-method',
    summary: 'Money taken per payment provider and method, for orders paid within the dates',
    schema: MethodRevenueReport,
    rows: revenueByMethod,
    columns: METHOD_COLUMNS,
  });
  register({
    path: 'price-categories',
    name: 'revenue-by-price-category',
    summary: 'Tickets and revenue per price category, for orders paid within the dates',
    schema: CategoryRevenueReport,
    rows: revenueByCategory,
    columns: CATEGORY_COLUMNS,
  });
  register({
    path: 'gift-vouchers',
    name: 'gift-vouchers',
    summary:
      'Gift vouchers within the dates: sold per method (money taken, not ticket revenue), given free, spent, returned, voided; the event filter does not apply',
    schema: VoucherMovementReport,
    rows: voucherMovements,
    columns: VOUCHER_COLUMNS,
  });
}
