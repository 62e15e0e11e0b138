// An order's tickets as a PDF and its receipt, for the buyer and the box office.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ReceiptSchema } from '../../../common/api/reports.ts';
import { HubParams, LocaleSchema, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { isLocale, type Locale, negotiateLocale } from '../../../common/locales.ts';
import { can } from '../../../common/permissions.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { loadOrderView, type OrderView } from './receipt.ts';
import { renderTicketsPdf } from './ticket-pdf.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const IdParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });
const LangQuery = Type.Object({ lang: Type.Optional(LocaleSchema) }, { additionalProperties: false });

export function deliveryRoutes(api: Api, ctx: AppContext): void {
  const { db, signer } = ctx;

  /** The same rule as GET /orders/:id: box-office staff, the account that bought, or anyone holding a guest order's id. */
  const viewFor = async (
    req: FastifyRequest<{ Params: { hub: string; id: string } }>,
  ): Promise<OrderView> => {
    const hub = await getHubBySlug(db, req.params.hub);
    const view = await loadOrderView(db, hub.id, req.params.id, signer);
    const staff = req.auth ? can(req.auth.grants, 'boxOffice.sell', hub.id) : false;
    if (!staff && view.order.userId !== null && view.order.userId !== req.auth?.user.id)
      throw notFound('There is no such order in this hub.');
    return view;
  };
  const localeOf = (req: FastifyRequest, view: OrderView, lang: string | undefined): Locale =>
    isLocale(lang)
      ? lang
      : req.headers['accept-language']
        ? negotiateLocale(req.headers['accept-language'])
        : view.locale;

  api.get(
    '/hubs/:hub/orders/:id/tickets.pdf',
    {
      schema: {
        tags: ['box office'],
        summary: 'The valid tickets of an order as a PDF, one page per ticket with its QR code',
        params: IdParams,
        querystring: LangQuery,
        response: {
          200: {
            description: 'A PDF, one page per ticket',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const view = await viewFor(req);
      // The buyer's own language unless the page asks for another.
      const locale = isLocale(req.query.lang) ? req.query.lang : view.locale;
      const data = view.ticketPdf(locale);
      if (data.tickets.length === 0) {
        throw new HttpProblem(
          409,
          'conflict',
          view.order.status === 'pending_payment'
            ? 'The tickets come once the order is paid.'
            : `This order has no valid tickets: it is ${view.order.status.replace('_', ' ')}.`,
        );
      }
      const pdf = await renderTicketsPdf(data);
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="tickets-${view.order.number}.pdf"`)
          .header('cache-control', 'private, no-store')
          // Bytes, not JSON: the 200 schema only documents the PDF.
          .send(pdf as unknown as string)
      );
    },
  );

  api.get(
    '/hubs/:hub/orders/:id/receipt',
    {
      schema: {
        tags: ['box office'],
        summary: 'The receipt of an order: lines with VAT, totals, payments and the fiscal receipts issued',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: ReceiptSchema, ...problems },
      },
    },
    async (req, reply) => {
      const view = await viewFor(req);
      reply.header('cache-control', 'private, no-store');
      return view.receipt(localeOf(req, view, req.query.lang));
    },
  );
}
