// Top-level paths that are pages of their own, never hub slugs.
const RESERVED = new Set([
  'sign-in',
  'sign-up',
  'forgot-password',
  'reset-password',
  'invitations',
  'back-office',
  'orders',
  'my',
]);

/** The hub a path is about: /:hub, /:hub/spaces/…, /back-office/:hub/…; undefined otherwise. */
export function hubSlugFromPath(pathname: string): string | undefined {
  const [first, second] = pathname.split('/').filter(Boolean);
  if (!first) return undefined;
  if (first === 'back-office') return second;
  return RESERVED.has(first) ? undefined : first;
}

/** Keeps a post-sign-in return path on this site (no protocol-relative or external URLs). */
export function safeReturnPath(value: string | null): string | undefined {
  return value?.startsWith('/') && !value.startsWith('//') ? value : undefined;
}
