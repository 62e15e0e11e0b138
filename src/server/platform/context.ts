import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from './db/db.ts';
import type { Mailer } from './mail.ts';

/** What every route module gets: the database, the configuration and the mailer. */
export interface AppContext {
  db: Db;
  config: Config;
  mailer: Mailer;
}

export type Api = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>;
