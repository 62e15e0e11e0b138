import { describe, expect, it } from 'vitest';
import { hubSlugFromPath, safeReturnPath } from './paths.ts';

describe('hubSlugFromPath', () => {
  it('finds the hub of public and back-office paths', () => {
    expect(hubSlugFromPath('/astana')).toBe('astana');
    expect(hubSlugFromPath('/astana/spaces/theater')).toBe('astana');
    expect(hubSlugFromPath('/back-office/shymkent/staff')).toBe('shymkent');
  });
  it('knows pages that are not hubs', () => {
    for (const p of [
      '/',
      '/sign-in',
      '/sign-up',
      '/forgot-password',
      '/reset-password',
      '/invitations/x',
      '/back-office',
    ])
      expect(hubSlugFromPath(p)).toBeUndefined();
  });
});

describe('safeReturnPath', () => {
  it('keeps paths on this site only', () => {
    expect(safeReturnPath('/back-office/astana')).toBe('/back-office/astana');
    expect(safeReturnPath('//evil.example/x')).toBeUndefined();
    expect(safeReturnPath('https://evil.example/')).toBeUndefined();
    expect(safeReturnPath(null)).toBeUndefined();
  });
});
