// Stable codes carried in every problem+json body (`code`). The web app has a message for
// each in every language; `detail` is an English fallback for API clients.
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_json',
  'body_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'csrf_failed',
  'not_found',
  'hub_not_found',
  'email_taken',
  'invalid_credentials',
  'too_many_attempts',
  'token_invalid',
  'token_expired',
  'invitation_email_mismatch',
  'last_admin',
  'conflict',
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
