import { describe, expect, it } from 'vitest';
import { SignalsError } from './errors.js';
import { eventKey, pseudonymize } from './pseudonymize.js';

const KEY = 'k'.repeat(32);

describe('pseudonymize', () => {
  it('is a stable keyed HMAC-SHA256 in hex', () => {
    const id = pseudonymize(KEY, 'user-42');
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymize(KEY, 'user-42')).toBe(id);
    expect(pseudonymize(`${KEY}x`, 'user-42')).not.toBe(id);
    expect(pseudonymize(KEY, 'user-43')).not.toBe(id);
    expect(id).not.toContain('user-42');
  });

  it('refuses a short key without echoing the id', () => {
    const error = (() => {
      try {
        pseudonymize('short', 'user-42');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SignalsError);
    expect((error as SignalsError).code).toBe('INVALID_OPTIONS');
    expect((error as Error).message).not.toContain('user-42');
  });

  it('derives 128-bit ledger keys that depend on the key', () => {
    expect(eventKey(KEY, 'e1')).toMatch(/^[0-9a-f]{32}$/);
    expect(eventKey(KEY, 'e1')).not.toBe(eventKey(`${KEY}x`, 'e1'));
    expect(eventKey(KEY, 'e1')).not.toBe(eventKey(KEY, 'e2'));
  });
});
