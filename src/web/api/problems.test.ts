import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../common/api/problem-codes.ts';
import { isMessageKey } from '../../common/i18n/index.ts';
import { ApiError } from './client.ts';
import { fieldErrorPaths, problemMessageKey } from './problems.ts';

const problem = (status: number, code: string, errors?: { path: string; message: string }[]) =>
  new ApiError({ type: 'about:blank', title: '', status, detail: '', code, ...(errors ? { errors } : {}) });

describe('problemMessageKey', () => {
  it('has a message for every problem code the API may send', () => {
    for (const code of PROBLEM_CODES) {
      const key = problemMessageKey(problem(400, code));
      expect(key).toBe(`problem.${code}`);
      expect(isMessageKey(key)).toBe(true);
    }
  });
  it('falls back by status for a code it does not know', () => {
    expect(problemMessageKey(problem(503, 'brand_new'))).toBe('problem.internal');
    expect(problemMessageKey(problem(404, 'brand_new'))).toBe('problem.not_found');
    expect(problemMessageKey(problem(0, 'network'))).toBe('problem.network');
    expect(problemMessageKey(new Error('boom'))).toBe('problem.internal');
  });
});

describe('fieldErrorPaths', () => {
  it('names fields by JSON pointer or dotted path', () => {
    const fields = fieldErrorPaths(
      problem(400, 'validation_failed', [
        { path: '/email', message: 'must match format "email"' },
        { path: 'body.password', message: 'too short' },
        { path: '/name/en', message: 'too long' },
      ]),
    );
    expect([...fields].sort()).toEqual(['email', 'name', 'name.en', 'password']);
  });
});
