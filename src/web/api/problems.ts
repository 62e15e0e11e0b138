import { PROBLEM_CODES } from '../../common/api/problem-codes.ts';
import type { MessageKey } from '../../common/i18n/index.ts';
import { ApiError } from './client.ts';

/** The catalog key that explains an error to the user. */
export function problemMessageKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    const code = error.code;
    if (code === 'network') return 'problem.network';
    if ((PROBLEM_CODES as readonly string[]).includes(code)) return `problem.${code}` as MessageKey;
    if (error.status >= 500) return 'problem.internal';
    if (error.status === 404) return 'problem.not_found';
    if (error.status === 403) return 'problem.forbidden';
    if (error.status === 401) return 'problem.unauthenticated';
    return 'problem.validation_failed';
  }
  return 'problem.internal';
}

/**
 * Field errors of a validation problem, keyed by the top-level body field they concern.
 * The server names a field by a JSON pointer ("/email", "/name/en") or a dotted path.
 */
export function fieldErrorPaths(error: unknown): Set<string> {
  const fields = new Set<string>();
  if (!(error instanceof ApiError)) return fields;
  for (const e of error.problem.errors ?? []) {
    const parts = e.path
      .replace(/^\/?(body)?[./]?/, '')
      .split(/[/.]/)
      .filter(Boolean);
    fields.add(parts.join('.'));
    if (parts[0]) fields.add(parts[0]);
  }
  return fields;
}
