import { createHmac, hash } from 'node:crypto';
import { SignalsError } from './errors.js';

/**
 * The pseudonymous user id stored for a platform user: HMAC-SHA256(key, platformUserId), hex.
 * The platform id itself is never stored, logged or put in an error message; without the key
 * the pseudonym cannot be linked back to it.
 */
export function pseudonymize(key: string, platformUserId: string): string {
  if (key.length < 16)
    throw new SignalsError('INVALID_OPTIONS', 'The pseudonym key must be at least 16 characters.');
  return createHmac('sha256', key).update(platformUserId, 'utf8').digest('hex');
}

/**
 * The ledger key of a producer event id: SHA-256 over the key and the id, truncated to 128
 * bits, so ledger rows reveal nothing of the id. (A prefix-keyed hash is enough here: the
 * key only has to make the id unguessable, and the input is not attacker-extendable.)
 */
export function eventKey(key: string, eventId: string): string {
  return hash('sha256', `${key}\u0000event\u0000${eventId}`, 'hex').slice(0, 32);
}
