// Gift vouchers over HTTP: staff issue, look up, void and mail them; anyone holding a code may
// check its balance (failed checks are counted per address, so codes cannot be tried in bulk).

import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import {
  GiftVoucherDetailSchema,
  type GiftVoucherDto,
  GiftVoucherListSchema,
  GiftVoucherSchema,
  IssueVoucherBody,
  MailVoucherBody,
  VoidVoucherBody,
  VoucherBalanceSchema,
  VoucherCodeBody,
} from '../../../common/api/gift-vouchers.ts';
import {
  type HubDto,
  HubParams,
  IdempotencyHeaders,
  ProblemSchema,
  Uuid,
} from '../../../common/api/schemas.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { can, type Permission } from '../../../common/permissions.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { forbidden, HttpProblem } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { issueFiscalReceiptsOf } from '../box-office/fiscal.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { giftVoucherMail } from './voucher-mail.ts';
import {
  findVoucherByKey,
  guardLookups,
  issueVoucher,
  listVouchers,
  recordLookupFailure,
  voidVoucher,
  voucherBalance,
  voucherDetail,
  voucherFiscalReceipts,
} from './vouchers.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const IdParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });

/** Box-office staff sell vouchers; they and program managers give free ones and look them up. */
function requireAny(req: FastifyRequest, permissions: Permission[], hubId: string) {
  const auth = requireUser(req);
  if (!permissions.some((p) => can(auth.grants, p, hubId))) throw forbidden();
  return auth;
}
const STAFF: Permission[] = ['boxOffice.sell', 'program.manage'];

export function voucherRoutes(api: Api, ctx: AppContext): void {
  const { db } = ctx;

  /** Mails a voucher; a failure is logged, not fatal: staff can send it again. */
  async function mailVoucher(
    hub: HubDto,
    v: GiftVoucherDto,
    to: string,
    locale: Locale,
    log: FastifyBaseLogger,
  ): Promise<boolean> {
    try {
      await ctx.mailer.send(
        giftVoucherMail(to, locale, {
          hubName: hub.name,
          code: v.code,
          amountTiyn: v.balanceTiyn,
          validUntil: v.validUntil,
          timeZone: hub.timeZone,
          recipientName: v.recipientName,
          buyerName: v.buyerName,
          link: `${ctx.config.publicUrl}/${hub.slug}/gift-voucher`,
        }),
      );
      return true;
    } catch (err) {
      log.error({ err, voucherId: v.id }, 'could not mail a gift voucher');
      return false;
    }
  }

  api.post(
    '/hubs/:hub/gift-vouchers',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Issue a gift voucher: sold at the desk (cash or card; no VAT on the sale, VAT is charged when it pays for tickets) or given free with a reason. Mailed to the recipient when an email is given. An Idempotency-Key makes a repeated request issue one voucher.',
        params: HubParams,
        headers: IdempotencyHeaders,
        body: IssueVoucherBody,
        response: { 200: GiftVoucherSchema, 201: GiftVoucherSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const body = req.body;
      // Money at the desk is the box office's; a free voucher may also come from the program team.
      const auth = body.payment
        ? requireAny(req, ['boxOffice.sell'], hub.id)
        : requireAny(req, STAFF, hub.id);
      const key = req.headers['idempotency-key']?.trim() || undefined;
      // A sold voucher's fiscal receipt now, so the desk can hand it over (the worker retries a failure).
      const answer = async (v: GiftVoucherDto) => {
        if (v.issueKind === 'sold') await issueFiscalReceiptsOf(ctx, hub.id, v.id, req.log);
        return { ...v, fiscal: await voucherFiscalReceipts(db, v.id) };
      };
      const earlier = key ? await findVoucherByKey(db, hub.id, key) : undefined;
      if (earlier) return reply.status(200).send(await answer(earlier));
      const locale = body.locale ?? (isLocale(auth.user.locale) ? auth.user.locale : 'kk');
      let issued: GiftVoucherDto;
      try {
        issued = await db.tx(async (q) => {
          const v = await issueVoucher(q, hub.id, {
            valueTiyn: body.valueTiyn,
            paymentMethod: body.payment?.method,
            reason: body.complimentary?.reason,
            buyerName: body.buyerName,
            recipientName: body.recipientName,
            recipientEmail: body.recipientEmail,
            validUntil: body.validUntil,
            timeZone: hub.timeZone,
            locale,
            issuedBy: auth.user.id,
            idempotencyKey: key,
          });
          await recordAudit(q, {
            hubId: hub.id,
            actorId: auth.user.id,
            action: v.issueKind === 'sold' ? 'gift_voucher.sell' : 'gift_voucher.complimentary',
            entityType: 'gift_voucher',
            entityId: v.id,
            details: {
              valueTiyn: v.initialTiyn,
              ...(v.paymentMethod ? { method: v.paymentMethod } : {}),
              ...(v.reason ? { reason: v.reason } : {}),
            },
          });
          return v;
        });
      } catch (err) {
        // Two presses raced: the second finds the first one's voucher.
        const first =
          key && sqlState(err) === UNIQUE_VIOLATION ? await findVoucherByKey(db, hub.id, key) : undefined;
        if (first) return reply.status(200).send(await answer(first));
        throw err;
      }
      if (issued.recipientEmail) await mailVoucher(hub, issued, issued.recipientEmail, locale, req.log);
      return reply.status(201).send(await answer(issued));
    },
  );

  api.get(
    '/hubs/:hub/gift-vouchers',
    {
      schema: {
        tags: ['offers'],
        summary: "The hub's latest gift vouchers with their balances, and the balance still outstanding",
        params: HubParams,
        response: { 200: GiftVoucherListSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requireAny(req, STAFF, hub.id);
      return listVouchers(db, hub.id);
    },
  );

  api.post(
    '/hubs/:hub/gift-vouchers/find',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Staff: look a voucher up by its code, with its ledger (every use and return, with its order)',
        params: HubParams,
        body: VoucherCodeBody,
        response: { 200: GiftVoucherDetailSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requireAny(req, STAFF, hub.id);
      return voucherDetail(db, hub.id, { code: req.body.code });
    },
  );

  api.get(
    '/hubs/:hub/gift-vouchers/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'A gift voucher with its ledger',
        params: IdParams,
        response: { 200: GiftVoucherDetailSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requireAny(req, STAFF, hub.id);
      return voucherDetail(db, hub.id, { id: req.params.id });
    },
  );

  api.post(
    '/hubs/:hub/gift-vouchers/:id/void',
    {
      schema: {
        tags: ['offers'],
        summary: 'Void a gift voucher (lost, sold by mistake…) with a reason; it can no longer be spent',
        params: IdParams,
        body: VoidVoucherBody,
        response: { 200: GiftVoucherDetailSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requireAny(req, STAFF, hub.id);
      await db.tx(async (q) => {
        const v = await voidVoucher(q, hub.id, req.params.id, req.body.reason, auth.user.id);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'gift_voucher.void',
          entityType: 'gift_voucher',
          entityId: v.id,
          details: { reason: req.body.reason, balanceTiyn: v.balanceTiyn },
        });
      });
      return voucherDetail(db, hub.id, { id: req.params.id });
    },
  );

  api.post(
    '/hubs/:hub/gift-vouchers/:id/mail',
    {
      schema: {
        tags: ['offers'],
        summary: "Mail a gift voucher (again) to its recipient's address or to another one",
        params: IdParams,
        body: MailVoucherBody,
        response: { 200: Type.Object({ sentTo: Type.String() }), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requireAny(req, STAFF, hub.id);
      const v = await voucherDetail(db, hub.id, { id: req.params.id });
      const to = req.body.email?.toLowerCase() ?? v.recipientEmail;
      if (!to) {
        throw new HttpProblem(400, 'validation_failed', 'This voucher has no email address: give one.', {
          errors: [{ path: 'body/email', message: 'is required' }],
        });
      }
      const [row] = await db.query<{ locale: string }>('select locale from gift_vouchers where id = $1', [
        v.id,
      ]);
      const locale = req.body.locale ?? (isLocale(row?.locale) ? row.locale : 'kk');
      if (!(await mailVoucher(hub, v, to, locale, req.log)))
        throw new Error('The mail server did not take the message');
      return { sentTo: to };
    },
  );

  api.post(
    '/hubs/:hub/gift-vouchers/balance',
    {
      schema: {
        tags: ['offers'],
        summary:
          "Anyone: a voucher's balance and last day by its code (nothing else). Too many unknown codes from one address answer 429.",
        params: HubParams,
        body: VoucherCodeBody,
        response: { 200: VoucherBalanceSchema, 429: ProblemSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      await guardLookups(db, req.ip);
      try {
        return { ...(await voucherBalance(db, hub.id, req.body.code)), currency: 'KZT' as const };
      } catch (err) {
        if (err instanceof HttpProblem && err.code === 'voucher_invalid')
          await recordLookupFailure(db, req.ip);
        throw err;
      }
    },
  );
}
