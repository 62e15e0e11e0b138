import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { TicketSigner } from '../modules/box-office/ticket-signing.ts';
import type { Db } from './db/db.ts';
import type { Mailer } from './mail.ts';
import type { PaymentProvider } from './payments/provider.ts';

/** What every route module gets: the database, the configuration and the mailer. */
export interface AppContext {
  db: Db;
  config: Config;
  mailer: Mailer;
  signer: TicketSigner;
  payments: ReadonlyMap<string, PaymentProvider>;
}

export type Api = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>;
