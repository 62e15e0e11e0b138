import { Type } from '@sinclair/typebox';
import { QuoteBody, QuoteSchema } from '../../../common/api/memberships.ts';
import { HubParams, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { can } from '../../../common/permissions.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { one } from '../../platform/db/db.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { getSaleInfo } from '../program/service.ts';
import { quote } from './quote.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export function quoteRoutes(api: Api, { db }: AppContext): void {
  api.post(
    '/hubs/:hub/performances/:id/quote',
    {
      schema: {
        tags: ['offers'],
        summary:
          'What tickets would cost with a promo code or membership card (a pass’s coverage, a discount), before the sale; takes no use of the code',
        params: Type.Object({ hub: HubParams.properties.hub, id: Uuid }),
        body: QuoteBody,
        response: { 200: QuoteSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const drafts = req.auth ? can(req.auth.grants, 'boxOffice.sell', hub.id) : false;
      const sale = await getSaleInfo(db, hub.id, req.params.id, { drafts });
      const { eventId } = await one<{ eventId: string }>(
        db,
        'select event_id as "eventId" from performances where id = $1',
        [sale.id],
      );
      const prices = Object.fromEntries(Object.entries(sale.prices).map(([k, v]) => [k, Number(v)]));
      return quote(db, hub.id, { id: sale.id, eventId, prices }, req.body);
    },
  );
}
