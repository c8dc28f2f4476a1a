import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserSlots } from './user-slots.js';

describe('UserSlots (off-heap user id → slot table)', () => {
  it('behaves like a Map with never-reused slots, for any ids and deletions', () => {
    const op = fc.oneof(
      fc.record({ add: fc.string({ maxLength: 12 }) }),
      fc.record({ del: fc.string({ maxLength: 12 }) }),
      fc.record({
        add: fc.constantFrom('é', 'ü-user', '日本', '🙂', 'a', 'ab', '', '\u0001', '01', 'AB', 'ab0'),
      }),
      // Hex ids (packed encoding) next to look-alikes that must stay distinct ids.
      fc.record({ add: fc.stringMatching(/^[0-9a-fA-F]{0,8}$/) }),
      fc.record({ del: fc.stringMatching(/^[0-9a-f]{0,8}$/) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new UserSlots(4);
        const m = new Map<string, number>();
        let next = 0;
        for (const o of ops) {
          if ('add' in o) {
            const want = m.get(o.add) ?? next++;
            m.set(o.add, want);
            expect(t.getOrAdd(o.add)).toBe(want);
          } else {
            expect(t.delete(o.del)).toBe(m.get(o.del) ?? -1);
            m.delete(o.del);
          }
          expect(t.size).toBe(m.size);
        }
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
        expect(t.slotCount).toBe(next);
      }),
      { numRuns: 200 },
    );
  });

  it('stores 64-hex pseudonymous ids packed (33 bytes) and still tells them apart', () => {
    const t = new UserSlots(4);
    const a = 'ab'.repeat(32);
    const b = `${'ab'.repeat(31)}ac`;
    expect(t.getOrAdd(a)).toBe(0);
    expect(t.getOrAdd(b)).toBe(1);
    expect(t.getOrAdd(a.toUpperCase())).toBe(2);
    expect([t.get(a), t.get(b), t.get(a.toUpperCase())]).toEqual([0, 1, 2]);
  });

  it('keeps every id exact through many rehashes', () => {
    const t = new UserSlots();
    for (let i = 0; i < 50_000; i++) expect(t.getOrAdd(`u${i.toString(36)}`)).toBe(i);
    for (let i = 0; i < 50_000; i += 2) expect(t.delete(`u${i.toString(36)}`)).toBe(i);
    for (let i = 0; i < 50_000; i++) expect(t.get(`u${i.toString(36)}`)).toBe(i % 2 === 0 ? -1 : i);
    expect(t.getOrAdd('u0')).toBe(50_000); // an erased id that comes back is a new slot
    expect(t.size).toBe(25_001);
  });
});
