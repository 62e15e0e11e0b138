import type { Problem, SessionDto } from '../../common/api/schemas.ts';
import { ApiError, get } from '../api/client.ts';

// The shared client sends no custom headers; a sale needs an Idempotency-Key, so this one
// write goes through here, with the session's CSRF token fetched the same way the client does.
let csrf: string | undefined;

async function csrfToken(fresh: boolean): Promise<string> {
  if (!csrf || fresh) csrf = (await get<SessionDto>('/session')).csrfToken;
  return csrf;
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Partial<Problem>;
    if (body && typeof body.code === 'string') {
      return {
        type: body.type ?? 'about:blank',
        title: body.title ?? res.statusText,
        status: body.status ?? res.status,
        detail: body.detail ?? '',
        code: body.code,
        ...(body.errors ? { errors: body.errors } : {}),
      };
    }
  } catch {
    // not problem+json
  }
  return {
    type: 'about:blank',
    title: res.statusText,
    status: res.status,
    detail: '',
    code: res.status >= 500 ? 'internal' : 'validation_failed',
  };
}

/**
 * POSTs with an Idempotency-Key: sending the same key again (a double press, a retry after
 * a lost answer) gives back the one order the first request made.
 */
export async function postWithKey<T>(path: string, body: unknown, key: string): Promise<T> {
  const send = async (fresh: boolean) => {
    const token = await csrfToken(fresh);
    try {
      return await fetch(`/api/v1${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'x-csrf-token': token,
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError({
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: 'The server cannot be reached',
        code: 'network',
      });
    }
  };
  let res = await send(false);
  if (res.status === 403) {
    const problem = await problemOf(res.clone());
    if (problem.code === 'csrf_failed') res = await send(true);
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  return (await res.json()) as T;
}
