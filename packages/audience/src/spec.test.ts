import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AudienceError, type AudienceErrorCode } from './errors.js';
import { type AudienceSpecInput, canonicalizeSpec, specHash } from './spec.js';
import { bruteCount, populationArb, specInputArb, TEST_NOW, testCatalog } from './testing/population.js';

const opts = { catalog: testCatalog, at: TEST_NOW };
const canon = (s: AudienceSpecInput) => canonicalizeSpec(s, {}, opts);

/** Canonical form or the error code. */
function attempt(s: AudienceSpecInput): { ok: ReturnType<typeof canon> } | { code: AudienceErrorCode } {
  try {
    return { ok: canon(s) };
  } catch (e) {
    if (e instanceof AudienceError) return { code: e.code };
    throw e;
  }
}

describe('canonicalizeSpec', () => {
  it.each<[string, AudienceSpecInput, Partial<ReturnType<typeof canon>>]>([
    [
      'defaults',
      { include: [['i1']] },
      { ageMin: 18, ageMax: 65, recencyDays: 30, exclude: [], countries: [] },
    ],
    ['sorts and dedups a group', { include: [['i3', 'i1', 'i3']] }, { include: [['i1', 'i3']] }],
    ['drops empty and duplicate groups', { include: [['i2'], [], ['i2']] }, { include: [['i2']] }],
    ['absorption A ∧ (A ∨ B) = A', { include: [['i1', 'i2'], ['i1']] }, { include: [['i1']] }],
    [
      'excluded ids leave OR-groups',
      { include: [['i1', 'i2']], exclude: ['i2'] },
      { include: [['i1']], exclude: ['i2'] },
    ],
    [
      'countries upper-cased and sorted',
      { include: [['i1']], countries: ['us', 'br', 'US'] },
      { countries: ['BR', 'US'] },
    ],
    ['sorts groups', { include: [['i5'], ['i1', 'i9'].slice(0, 1)] }, { include: [['i1'], ['i5']] }],
    ['trims ids', { include: [[' i1 ']] }, { include: [['i1']] }],
  ])('%s', (_name, input, expected) => {
    expect(canon(input)).toMatchObject(expected);
  });

  it.each<[string, unknown, AudienceErrorCode]>([
    ['not an object', null, 'INVALID_SPEC'],
    ['include not a list', { include: 'i1' }, 'INVALID_SPEC'],
    ['non-string id', { include: [[1]] }, 'INVALID_SPEC'],
    ['empty', { include: [] }, 'EMPTY_SPEC'],
    ['only empty groups', { include: [[], []] }, 'EMPTY_SPEC'],
    ['unknown interest', { include: [['nope']] }, 'UNKNOWN_INTEREST'],
    ['sensitive interest', { include: [['s1']] }, 'SENSITIVE_INTEREST'],
    ['sensitive exclusion', { include: [['i1']], exclude: ['s1'] }, 'SENSITIVE_INTEREST'],
    ['excluded country', { include: [['i1']], countries: ['de'] }, 'EXCLUDED_COUNTRY'],
    ['unknown country', { include: [['i1']], countries: ['ZZ'] }, 'UNKNOWN_COUNTRY'],
    ['malformed country', { include: [['i1']], countries: ['USA'] }, 'UNKNOWN_COUNTRY'],
    ['too many groups', { include: [['i0'], ['i1'], ['i2'], ['i3'], ['i4'], ['i5']] }, 'SPEC_TOO_COMPLEX'],
    ['age below 18', { include: [['i1']], ageMin: 17 }, 'INVALID_AGE_RANGE'],
    ['age above 65', { include: [['i1']], ageMax: 66 }, 'INVALID_AGE_RANGE'],
    ['age inverted', { include: [['i1']], ageMin: 40, ageMax: 30 }, 'INVALID_AGE_RANGE'],
    ['age fractional', { include: [['i1']], ageMin: 20.5 }, 'INVALID_AGE_RANGE'],
    ['recency', { include: [['i1']], recencyDays: 14 }, 'INVALID_RECENCY'],
    [
      'group emptied by exclusion',
      { include: [['i1', 'i2'], ['i3']], exclude: ['i1', 'i2'] },
      'CONTRADICTORY_SPEC',
    ],
  ])('rejects %s', (_name, input, code) => {
    expect(attempt(input as AudienceSpecInput)).toEqual({ code });
  });

  it('limits interests in all', () => {
    expect(() => canonicalizeSpec({ include: [['i1', 'i2', 'i3']] }, { maxInterests: 2 }, opts)).toThrow(
      expect.objectContaining({ code: 'SPEC_TOO_COMPLEX' }),
    );
  });

  it('names the offending ids', () => {
    try {
      canon({ include: [['nope', 'i1', 'zap']] });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'UNKNOWN_INTEREST', details: { interestIds: ['nope', 'zap'] } });
    }
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(specInputArb, (input) => {
        const r = attempt(input);
        if ('code' in r) return;
        const again = canon({
          ...r.ok,
          include: r.ok.include.map((g) => [...g]),
          exclude: [...r.ok.exclude],
          countries: [...r.ok.countries],
        });
        expect(again).toEqual(r.ok);
        expect(specHash(again)).toBe(specHash(r.ok));
      }),
    );
  });

  it('permuting, duplicating and re-casing give the identical canonical form and hash', () => {
    fc.assert(
      fc.property(specInputArb, fc.integer(), (input, seed) => {
        const r = attempt(input);
        let x = seed >>> 0;
        const rnd = () => {
          x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
          return x / 4294967296;
        };
        const shuffle = <T>(a: readonly T[]): T[] => {
          const b = [...a];
          for (let i = b.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [b[i], b[j]] = [b[j]!, b[i]!];
          }
          return b;
        };
        const dup = <T>(a: readonly T[]): T[] => a.flatMap((v) => (rnd() < 0.3 ? [v, v] : [v]));
        const reworded: AudienceSpecInput = {
          include: dup(shuffle(input.include.map((g) => dup(shuffle(g))))),
          exclude: dup(shuffle(input.exclude)),
          countries: dup(
            shuffle(input.countries.map((c) => (rnd() < 0.5 ? c.toLowerCase() : c.toUpperCase()))),
          ),
          ageMin: input.ageMin,
          ageMax: input.ageMax,
          recencyDays: input.recencyDays,
        };
        const r2 = attempt(reworded);
        expect(r2).toEqual(r);
        if ('ok' in r && 'ok' in r2) expect(specHash(r2.ok)).toBe(specHash(r.ok));
      }),
    );
  });

  it('absorbing, adding supersets of groups and excluded ids to groups keep the form', () => {
    fc.assert(
      fc.property(specInputArb, fc.constantFrom('i0', 'i6', 'i7'), (input, extra) => {
        const r = attempt(input);
        if ('code' in r) return;
        const first = r.ok.include[0]!;
        const more: AudienceSpecInput = {
          ...input,
          include: [
            ...input.include,
            [...first, extra],
            ...(input.exclude.length > 0 ? [[...first, input.exclude[0]!]] : []),
          ],
        };
        expect(attempt(more)).toEqual(r);
      }),
    );
  });

  it('canonical form selects the same people as the raw spec (brute force)', () => {
    fc.assert(
      fc.property(populationArb(40), specInputArb, (users, input) => {
        const r = attempt(input);
        if ('code' in r) return;
        // Raw semantics: every non-empty group OR'ed as written, raw exclusions, raw countries.
        const raw = {
          include: input.include.filter((g) => g.length > 0),
          exclude: input.exclude,
          countries: [...new Set(input.countries.map((c) => c.toUpperCase()))],
          ageMin: input.ageMin,
          ageMax: input.ageMax,
          recencyDays: input.recencyDays as 7 | 30 | 90,
        };
        expect(bruteCount(users, r.ok)).toBe(bruteCount(users, raw));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes are stable across versions (golden)', () => {
    const h = specHash(canon({ include: [['i2', 'i1'], ['i3']], countries: ['us'], ageMin: 25 }));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(
      specHash(canon({ include: [['i3'], ['i1', 'i2']], countries: ['US'], ageMin: 25, ageMax: 65 })),
    );
  });
});
