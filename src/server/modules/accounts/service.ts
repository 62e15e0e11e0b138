// Accounts: users, server-side sessions, password resets and sign-in throttling.
import type { Locale } from '../../../common/locales.ts';
import type { HubRole } from '../../../common/permissions.ts';
import {
  DUMMY_HASH_PASSWORD,
  hashPassword,
  randomToken,
  sha256,
  verifyPassword,
} from '../../platform/crypto.ts';
import { maybeOne, one, type Queryable, sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { groupRoles, ROLES_OF_USER_JSON } from '../staff/service.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  networkAdmin: boolean;
}

const USER_COLUMNS = 'u.id, u.email, u.name, u.locale, u.network_admin as "networkAdmin"';

export const SESSION_IDLE_DAYS = 14;
export const SESSION_MAX_DAYS = 30;
export const RESET_TOKEN_MINUTES = 60;
/** Failed sign-ins allowed per email (and 4× that per address) in the window. */
export const SIGN_IN_LIMIT = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;

let dummy: Promise<string> | undefined;
const dummyHash = (cost: number) => {
  dummy ??= hashPassword(DUMMY_HASH_PASSWORD, cost);
  return dummy;
};

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function createUser(
  q: Queryable,
  input: { email: string; password?: string; name: string; locale?: Locale; networkAdmin?: boolean },
  scryptCost: number,
): Promise<User> {
  const hash = input.password === undefined ? null : await hashPassword(input.password, scryptCost);
  try {
    return await one<User>(
      q,
      `insert into users as u (email, password_hash, name, locale, network_admin) values ($1, $2, $3, $4, $5)
       returning ${USER_COLUMNS}`,
      [
        normalizeEmail(input.email),
        hash,
        input.name.trim(),
        input.locale ?? 'kk',
        input.networkAdmin ?? false,
      ],
    );
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION) {
      throw new HttpProblem(
        409,
        'email_taken',
        'An account with this email already exists. Sign in or reset the password.',
      );
    }
    throw err;
  }
}

export async function findUserByEmail(q: Queryable, email: string): Promise<User | undefined> {
  return maybeOne<User>(q, `select ${USER_COLUMNS} from users u where lower(u.email) = $1`, [
    normalizeEmail(email),
  ]);
}

export async function updateUser(
  q: Queryable,
  userId: string,
  patch: { name?: string; locale?: Locale },
): Promise<User> {
  return one<User>(
    q,
    `update users as u set name = coalesce($2, name), locale = coalesce($3, locale) where id = $1 returning ${USER_COLUMNS}`,
    [userId, patch.name?.trim() ?? null, patch.locale ?? null],
  );
}

export async function setPassword(
  q: Queryable,
  userId: string,
  password: string,
  scryptCost: number,
): Promise<void> {
  await q.query('update users set password_hash = $2 where id = $1', [
    userId,
    await hashPassword(password, scryptCost),
  ]);
}

/** Checks email and password, counting failures; throws 429 once too many have failed recently. */
export async function authenticate(
  q: Queryable,
  email: string,
  password: string,
  ip: string,
  scryptCost: number,
): Promise<User> {
  const normalized = normalizeEmail(email);
  const [counts] = await q.query<{ byEmail: number; byIp: number }>(
    `select count(*) filter (where lower(email) = $1)::int as "byEmail", count(*) filter (where ip = $2)::int as "byIp"
       from sign_in_failures
      where at > now() - make_interval(mins => $3) and (lower(email) = $1 or ip = $2)`,
    [normalized, ip, SIGN_IN_WINDOW_MINUTES],
  );
  if ((counts?.byEmail ?? 0) >= SIGN_IN_LIMIT || (counts?.byIp ?? 0) >= SIGN_IN_LIMIT * 4) {
    throw new HttpProblem(
      429,
      'too_many_attempts',
      `Too many failed sign-ins. Wait ${SIGN_IN_WINDOW_MINUTES} minutes or reset your password.`,
      { headers: { 'retry-after': String(SIGN_IN_WINDOW_MINUTES * 60) } },
    );
  }
  const row = await maybeOne<User & { passwordHash: string | null }>(
    q,
    `select ${USER_COLUMNS}, u.password_hash as "passwordHash" from users u where lower(u.email) = $1`,
    [normalized],
  );
  // Verify against a throwaway hash when the email is unknown, so the timing does not tell.
  let ok = false;
  if (row?.passwordHash) ok = await verifyPassword(password, row.passwordHash);
  else await verifyPassword(password, await dummyHash(scryptCost));
  if (!row || !ok) {
    await q.query('insert into sign_in_failures (email, ip) values ($1, $2)', [normalized, ip]);
    throw new HttpProblem(401, 'invalid_credentials', 'The email or password is not right.');
  }
  await q.query('delete from sign_in_failures where lower(email) = $1', [normalized]);
  const { passwordHash: _, ...user } = row;
  return user;
}

export async function createSession(
  q: Queryable,
  userId: string,
): Promise<{ token: string; tokenHash: string }> {
  const token = randomToken();
  const tokenHash = sha256(token);
  await q.query(
    `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(days => $3))`,
    [tokenHash, userId, SESSION_IDLE_DAYS],
  );
  return { token, tokenHash };
}

export type SessionLookup =
  | { status: 'valid'; user: User; tokenHash: string; hubRoles: Map<string, HubRole[]> }
  | { status: 'expired' | 'unknown' };

/**
 * Finds the session of a cookie token and slides its idle expiry (capped at SESSION_MAX_DAYS).
 * Every API request asks this, so the account's hub roles come in the same round trip.
 */
export async function resolveSession(q: Queryable, token: string): Promise<SessionLookup> {
  const tokenHash = sha256(token);
  const row = await maybeOne<
    User & { expired: boolean; stale: boolean; roles: { hubId: string; role: HubRole }[] }
  >(
    q,
    `select ${USER_COLUMNS}, s.expires_at <= now() as expired, s.last_seen_at < now() - interval '10 minutes' as stale,
            ${ROLES_OF_USER_JSON('u.id')} as roles
       from sessions s join users u on u.id = s.user_id where s.token_hash = $1`,
    [tokenHash],
  );
  if (!row) return { status: 'unknown' };
  if (row.expired) {
    await q.query('delete from sessions where token_hash = $1', [tokenHash]);
    return { status: 'expired' };
  }
  if (row.stale) {
    await q.query(
      `update sessions set last_seen_at = now(),
         expires_at = least(created_at + make_interval(days => $2), now() + make_interval(days => $3))
       where token_hash = $1`,
      [tokenHash, SESSION_MAX_DAYS, SESSION_IDLE_DAYS],
    );
  }
  const { expired: _e, stale: _s, roles, ...user } = row;
  return { status: 'valid', user, tokenHash, hubRoles: groupRoles(roles) };
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('delete from sessions where token_hash = $1', [tokenHash]);
}

/** Creates a single-use reset token for the account of `email`, or returns undefined when there is none. */
export async function createPasswordReset(
  q: Queryable,
  email: string,
): Promise<{ user: User; token: string } | undefined> {
  const user = await findUserByEmail(q, email);
  if (!user) return undefined;
  const token = randomToken();
  await q.query(
    `insert into password_reset_tokens (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(mins => $3))`,
    [sha256(token), user.id, RESET_TOKEN_MINUTES],
  );
  return { user, token };
}

/** Uses a reset token exactly once: sets the password and signs out every session of the account. */
export async function confirmPasswordReset(
  q: Queryable,
  token: string,
  password: string,
  scryptCost: number,
): Promise<User> {
  const tokenHash = sha256(token);
  // The conditional update is the single-use guard: two concurrent uses cannot both match.
  const used = await maybeOne<{ userId: string }>(
    q,
    `update password_reset_tokens set used_at = now()
      where token_hash = $1 and used_at is null and expires_at > now() returning user_id as "userId"`,
    [tokenHash],
  );
  if (!used) {
    const known = await maybeOne(q, 'select 1 from password_reset_tokens where token_hash = $1', [tokenHash]);
    throw known
      ? new HttpProblem(
          410,
          'token_expired',
          'This reset link has expired or was already used. Ask for a new one.',
        )
      : new HttpProblem(400, 'token_invalid', 'This reset link is not valid. Ask for a new one.');
  }
  await setPassword(q, used.userId, password, scryptCost);
  await q.query('delete from sessions where user_id = $1', [used.userId]);
  await q.query('update password_reset_tokens set used_at = now() where user_id = $1 and used_at is null', [
    used.userId,
  ]);
  return one<User>(q, `select ${USER_COLUMNS} from users u where u.id = $1`, [used.userId]);
}
