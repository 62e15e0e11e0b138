import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SECRET, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe defaults for the embedded mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      seed: 'demo',
    });
    expect(c.dataDir.endsWith('.data')).toBe(true);
    expect(c.mailOutboxDir.endsWith('.data/outbox')).toBe(true);
  });

  it('refuses to start in production with the default or a short secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET: DEFAULT_SECRET })).toThrow(/SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET: 'short' })).toThrow(/SECRET/);
    const c = loadConfig({
      NODE_ENV: 'production',
      SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://db/hub',
    });
    expect(c).toMatchObject({ env: 'production', host: '0.0.0.0', databaseUrl: 'postgres://db/hub' });
  });

  it('rejects a port that is not a port', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
