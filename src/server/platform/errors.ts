// Every error leaves the API as application/problem+json (RFC 9457) with a stable `code`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemCode } from '../../common/api/problem-codes.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export class HttpProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly errors: { path: string; message: string }[] | undefined;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: ProblemCode,
    detail: string,
    extra: { errors?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
  }
}

export const notFound = (detail = 'There is nothing here.') => new HttpProblem(404, 'not_found', detail);
export const forbidden = (detail = 'Your account may not do this here.') =>
  new HttpProblem(403, 'forbidden', detail);
export const unauthenticated = (detail = 'Sign in first.') => new HttpProblem(401, 'unauthenticated', detail);

function problemBody(status: number, code: string, detail: string, url: string, errors?: unknown[]) {
  return {
    type: `https://ozgeepic.kz/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: url,
    ...(errors ? { errors } : {}),
  };
}

/** Maps Fastify's own errors (bad JSON, validation, size) and ours to problem+json; never leaks internals. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpProblem, req, reply) => {
    let status = 500;
    let code: ProblemCode = 'internal';
    let detail = 'Something went wrong on our side. It has been logged; please try again.';
    let errors: { path: string; message: string }[] | undefined;
    if (err instanceof HttpProblem) {
      ({ status, code, errors } = err);
      detail = err.message;
      reply.headers(err.headers);
    } else if ('validation' in err && err.validation) {
      status = 400;
      code = 'validation_failed';
      errors = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath || ''}${
          v.keyword === 'required' ? `/${(v.params as { missingProperty?: string }).missingProperty}` : ''
        }${v.keyword === 'additionalProperties' ? `/${(v.params as { additionalProperty?: string }).additionalProperty}` : ''}`,
        message: v.message ?? 'is invalid',
      }));
      detail = `The request is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`;
    } else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      status = 400;
      code = 'malformed_json';
      detail = 'The request body is not valid JSON.';
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      status = 400;
      code = 'malformed_json';
      detail = 'The request body is empty; send a JSON object.';
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      code = 'body_too_large';
      detail = 'The request body is too large.';
    } else if (
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
    ) {
      status = 415;
      code = 'unsupported_media_type';
      detail = 'Send the body as application/json.';
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      code = status === 404 ? 'not_found' : status === 429 ? 'too_many_attempts' : 'validation_failed';
      detail = err.message;
    }
    if (status >= 500) req.log.error({ err }, 'request failed');
    reply
      .status(status)
      .type('application/problem+json')
      .send(problemBody(status, code, detail, req.url, errors));
  });
}

/** Errors the router raises before any route runs (bad percent-encoding, over-long parameters). */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply
    .status(status)
    .type('application/problem+json')
    .send(
      problemBody(
        status,
        'validation_failed',
        `The address is not valid: ${err.message}`,
        req.url.slice(0, 200),
      ),
    );
}

export function sendNotFound(url: string) {
  return problemBody(404, 'not_found', `No route or resource at ${url.split('?')[0]}.`, url);
}
