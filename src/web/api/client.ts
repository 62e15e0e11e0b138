import type { Problem } from '../../common/api/schemas.ts';

const BASE = '/api/v1';

/** A failed API call: the server's problem+json, or a synthetic one when the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
}

// The CSRF token of the current session; every write sends it back as a header.
let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a write is refused for a stale CSRF token; returns a fresh one.
let refreshCsrf: (() => Promise<string>) | undefined;
export function onCsrfRefresh(fn: () => Promise<string>): void {
  refreshCsrf = fn;
}

// Called when the server says the session is gone, so the page can stop showing a signed-in person.
let sessionLost: (() => void) | undefined;
export function onSessionLost(fn: () => void): void {
  sessionLost = fn;
}

function networkProblem(): Problem {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: 'The server cannot be reached',
    code: 'network',
  };
}

async function toProblem(res: Response): Promise<Problem> {
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
    // not JSON: fall through to a generic problem
  }
  const code = res.status === 404 ? 'not_found' : res.status >= 500 ? 'internal' : 'validation_failed';
  return { type: 'about:blank', title: res.statusText, status: res.status, detail: '', code };
}

async function send(method: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(networkProblem());
  }
}

/** Calls the API; resolves with the parsed body (undefined for 204), rejects with ApiError. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  let res = await send(method, path, body);
  if (!res.ok && method !== 'GET' && res.status === 403 && refreshCsrf) {
    const problem = await toProblem(res.clone());
    // The session may have changed in another tab: fetch its token and try once more.
    if (problem.code === 'csrf_failed') {
      csrfToken = await refreshCsrf();
      res = await send(method, path, body);
    }
  }
  if (!res.ok) {
    const problem = await toProblem(res);
    if (res.status === 401) sessionLost?.();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
