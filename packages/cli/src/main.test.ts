import { describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

describe('parlance CLI', () => {
  it('prints help listing its verbs', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const code = await main(['node', 'parlance', '--help']);
    spy.mockRestore();
    expect(code).toBe(0);
    expect(out.join('')).toContain('migrate');
  });

  it('explains a bad DATABASE_URL in one line, without a stack trace', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    vi.stubEnv('DATABASE_URL', 'mysql://nope');
    const code = await main(['node', 'parlance', 'migrate']);
    vi.unstubAllEnvs();
    spy.mockRestore();
    expect(code).toBe(2);
    expect(errors.join('\n')).toContain('DATABASE_URL must be a postgres://');
    expect(errors.join('\n')).not.toContain('    at ');
  });
});
