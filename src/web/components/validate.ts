import type { MessageKey } from '../../common/i18n/index.ts';

export const MIN_PASSWORD = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Check = { key: MessageKey; count?: number } | undefined;

export function checkRequired(value: string): Check {
  return value.trim() === '' ? { key: 'validation.required' } : undefined;
}

export function checkEmail(value: string): Check {
  return checkRequired(value) ?? (EMAIL.test(value.trim()) ? undefined : { key: 'validation.email' });
}

export function checkPassword(value: string): Check {
  return (
    checkRequired(value) ??
    (value.length < MIN_PASSWORD ? { key: 'validation.passwordLength', count: MIN_PASSWORD } : undefined)
  );
}

/** What to say about a field the server rejected, when the client had no objection. */
export function serverCheckFor(field: string): Check {
  if (field === 'email') return { key: 'validation.email' };
  if (field === 'password') return { key: 'validation.passwordLength', count: MIN_PASSWORD };
  if (field === 'slug') return { key: 'validation.slug' };
  if (field === 'legal.bin') return { key: 'validation.bin' };
  return { key: 'validation.invalid' };
}
