import { getInterest, isExcludedCountry, isSensitiveInterest } from '@parlance/taxonomy';
import { describe, expect, it } from 'vitest';
import { campaignDates, DEMO_FIXTURES } from './fixtures.js';
import { generateUsers } from './generate.js';

const NOW = new Date('2025-06-01T12:00:00Z');

describe('DEMO_FIXTURES', () => {
  const { organizations, members } = DEMO_FIXTURES;

  it('has two organisations, each with 3–4 audiences and 2–3 campaigns in several states', () => {
    expect(organizations.map((o) => o.name)).toEqual(['Northwind Outdoor', 'Bright Baby Co.']);
    for (const org of organizations) {
      expect(org.audiences.length).toBeGreaterThanOrEqual(3);
      expect(org.audiences.length).toBeLessThanOrEqual(4);
      expect(org.campaigns.length).toBeGreaterThanOrEqual(2);
      expect(org.campaigns.length).toBeLessThanOrEqual(3);
      expect(new Set(org.campaigns.map((c) => c.status))).toEqual(new Set(['DRAFT', 'ACTIVE', 'PAUSED']));
      const keys = new Set(org.audiences.map((a) => a.key));
      expect(keys.size).toBe(org.audiences.length);
      for (const campaign of org.campaigns) expect(keys.has(campaign.audience), campaign.name).toBe(true);
    }
  });

  it('has members with every role, unique emails, and one person in both organisations', () => {
    const roles = new Set(members.flatMap((m) => m.memberships.map((s) => s.role)));
    expect(roles).toEqual(new Set(['ADMIN', 'MEMBER', 'VIEWER']));
    expect(new Set(members.map((m) => m.email.toLowerCase())).size).toBe(members.length);
    const slugs = new Set(organizations.map((o) => o.slug));
    for (const m of members) for (const s of m.memberships) expect(slugs.has(s.organization)).toBe(true);
    const primary = members.find((m) => m.email === DEMO_FIXTURES.primaryLogin.email);
    expect(primary?.password).toBe(DEMO_FIXTURES.primaryLogin.password);
    expect(primary?.memberships.map((s) => s.organization).sort()).toEqual([...slugs].sort());
    for (const m of members) expect(m.password.length).toBeGreaterThanOrEqual(12);
  });

  it('targets only real, non-sensitive interests within the spec limits', () => {
    for (const org of organizations) {
      for (const { name, spec } of org.audiences) {
        const ids = [...spec.include.flat(), ...(spec.exclude ?? [])];
        expect(spec.include.length, name).toBeLessThanOrEqual(5);
        expect(ids.length, name).toBeLessThanOrEqual(50);
        for (const id of ids) {
          expect(getInterest(id), `${name}: ${id}`).toBeDefined();
          expect(isSensitiveInterest(id), `${name}: ${id}`).toBe(false);
        }
        for (const c of spec.countries ?? []) expect(isExcludedCountry(c, NOW), c).toBe(false);
      }
    }
  });

  it('sizes every audience well above k = 100 in the default 50k population (by ground truth)', () => {
    const eligible = [...generateUsers({ users: 50_000, now: NOW })].filter(
      (u) =>
        !isExcludedCountry(u.country, NOW) &&
        NOW.getUTCFullYear() - u.birthYear - 1 >= 18 &&
        !u.optedOut &&
        u.optedOutLaterAt === null,
    );
    const sizes: Record<string, number> = {};
    for (const org of organizations) {
      for (const { name, spec } of org.audiences) {
        const size = eligible.filter((u) => {
          const age = NOW.getUTCFullYear() - u.birthYear;
          if (spec.countries && !spec.countries.includes(u.country)) return false;
          if (spec.ageMin != null && age < spec.ageMin) return false;
          if (spec.ageMax != null && age - 1 > spec.ageMax) return false;
          if (spec.exclude?.some((id) => u.interests.includes(id))) return false;
          return spec.include.every((group) => group.some((id) => u.interests.includes(id)));
        }).length;
        // Ground truth ignores recency and classifier recall, hence the margin over k.
        sizes[name] = size;
        expect(size, name).toBeGreaterThan(400);
      }
    }
    console.log(`fixture audience ground-truth sizes (50k users): ${JSON.stringify(sizes)}`);
  });

  it('resolves campaign dates relative to the day they are applied', () => {
    expect(campaignDates({ startOffsetDays: -14, endOffsetDays: 30 }, NOW)).toEqual({
      startDate: '2025-05-18',
      endDate: '2025-07-01',
    });
    expect(campaignDates({ startOffsetDays: 0, endOffsetDays: null }, NOW).endDate).toBeNull();
  });
});
