// A POST with an Idempotency-Key header, which the shared API client does not send.
import type { Problem, SessionDto } from '../../common/api/schemas.ts';
import { ApiError, get } from '../api/client.ts';

/** POSTs to the API with the session's CSRF token and an idempotency key; rejects with ApiError. */
export async function postWithKey<T>(path: string, idempotencyKey: string, body: unknown): Promise<T> {
  const { csrfToken } = await get<SessionDto>('/session');
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        'x-csrf-token': csrfToken,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: '',
      code: 'network',
    });
  }
  if (res.ok) return (await res.json()) as T;
  let problem: Problem = {
    type: 'about:blank',
    title: res.statusText,
    status: res.status,
    detail: '',
    code: '',
  };
  try {
    const p = (await res.json()) as Partial<Problem>;
    if (typeof p.code === 'string') problem = { ...problem, ...p, code: p.code };
  } catch {
    // not JSON
  }
  if (!problem.code) problem.code = res.status >= 500 ? 'internal' : 'validation_failed';
  throw new ApiError(problem);
}
