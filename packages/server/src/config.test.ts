import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { AUTO_AUDIENCE_THREADS_MAX, ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.database.databaseUrl).toBeUndefined();
    expect(config.database.dataDir).toBe('.data/pglite');
    expect(config.http.port).toBe(4000);
    expect(config.privacy).toMatchObject({
      k: 100,
      epsilon: 0.1,
      dailyBudget: 25,
      maxGroups: 5,
      maxInterests: 50,
    });
    expect(config.demo.enabled).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PARLANCE_K: '1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('PARLANCE_K');
  });

  it('rejects an out-of-range port', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ PARLANCE_ENV: 'production' })).toThrow(/PARLANCE_SECRET is required/);
    expect(() => loadConfig({ PARLANCE_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('reads PARLANCE_DASHBOARD_DIR (unset by default)', () => {
    expect(loadConfig({}).dashboardDir).toBeUndefined();
    expect(loadConfig({ PARLANCE_DASHBOARD_DIR: '/srv/dash' }).dashboardDir).toBe('/srv/dash');
  });

  it('splits the audience index over the cores by default, or as told', () => {
    const auto = Math.min(availableParallelism(), AUTO_AUDIENCE_THREADS_MAX);
    expect(loadConfig({}).audienceThreads).toBe(auto);
    expect(loadConfig({ PARLANCE_AUDIENCE_THREADS: 'auto' }).audienceThreads).toBe(auto);
    expect(loadConfig({ PARLANCE_AUDIENCE_THREADS: '3' }).audienceThreads).toBe(3);
    for (const bad of ['0', '65', '1.5', 'many']) {
      expect(() => loadConfig({ PARLANCE_AUDIENCE_THREADS: bad })).toThrow(
        /PARLANCE_AUDIENCE_THREADS must be auto/,
      );
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.databaseUrl).toBeUndefined();
  });
});
