import { describe, expect, it } from 'vitest';
import { INTERESTS, isSensitiveInterest, SENSITIVE_DENY_LIST } from './index.js';

// Every flagged node, listed inline on purpose: any change to the deny-list is a visible diff here.
const FLAGGED: readonly (readonly [string, string, string])[] = [
  ['210', 'Counseling', 'HEALTH'],
  ['219', 'Medicine and Healthcare', 'HEALTH'],
  ['221', 'Clinical Science', 'HEALTH'],
  ['235', 'International Relations', 'POLITICS'],
  ['242', 'Governance and Society', 'POLITICS'],
  ['281', 'Bankruptcy', 'FINANCIAL_HARDSHIP'],
  ['374', 'Food Allergies', 'HEALTH'],
  ['381', 'Health and Medical Services', 'HEALTH'],
  ['382', 'Health & Pharma', 'HEALTH'],
  ['383', 'Medical Services', 'HEALTH'],
  ['385', 'Health Services', 'HEALTH'],
  ['386', 'Health Care and Physicians', 'HEALTH'],
  ['387', 'Alternative and Natural Medicine', 'HEALTH'],
  ['388', 'Cosmetic Medical Services', 'HEALTH'],
  ['389', 'Drugstores and Pharmacies', 'HEALTH'],
  ['390', 'Elder Care', 'HEALTH'],
  ['391', 'Vision Care', 'HEALTH'],
  ['392', 'Dental Care', 'HEALTH'],
  ['393', 'Massage Therapists', 'HEALTH'],
  ['394', 'Physical Therapists', 'HEALTH'],
  ['395', 'Chiropractors', 'HEALTH'],
  ['397', 'Hospitals', 'HEALTH'],
  ['398', 'Skin Care Treatments', 'HEALTH'],
  ['399', 'Smoking Cessation', 'HEALTH'],
  ['400', 'Clinical Research', 'HEALTH'],
  ['401', 'Hair Loss Treatments', 'HEALTH'],
  ['404', 'Vaccines', 'HEALTH'],
  ['407', "Children's Health", 'HEALTH'],
  ['411', "Men's Health", 'HEALTH'],
  ['413', 'Senior Health', 'HEALTH'],
  ['414', 'Weight Loss', 'HEALTH'],
  ['416', 'Alternative Medicine', 'HEALTH'],
  ['417', 'Herbs and Supplements', 'HEALTH'],
  ['418', 'Holistic Health', 'HEALTH'],
  ['419', 'Physical Therapy', 'HEALTH'],
  ['420', 'Smoking Cessation', 'HEALTH'],
  ['421', "Women's Health", 'HEALTH'],
  ['449', 'Genealogy and Ancestry', 'ETHNICITY'],
  ['466', 'Medical Health', 'HEALTH'],
  ['485', 'Urban AC Music', 'ETHNICITY'],
  ['496', 'Gospel Music', 'RELIGION'],
  ['498', 'Inspirational/New Age Music', 'RELIGION'],
  ['503', 'Religious (Music and Audio)', 'RELIGION'],
  ['516', 'News Radio', 'POLITICS'],
  ['517', 'News/Talk Radio', 'POLITICS'],
  ['518', 'Public Radio', 'POLITICS'],
  ['519', 'Urban Contemporary Music', 'ETHNICITY'],
  ['522', 'News and Politics', 'POLITICS'],
  ['523', 'Crime', 'CRIME'],
  ['524', 'Disasters', 'POLITICS'],
  ['525', 'International News', 'POLITICS'],
  ['526', 'Law', 'CRIME'],
  ['527', 'Local News', 'POLITICS'],
  ['528', 'National News', 'POLITICS'],
  ['529', 'Politics', 'POLITICS'],
  ['530', 'Elections', 'POLITICS'],
  ['531', 'Political Issues', 'POLITICS'],
  ['532', 'War and Conflicts', 'POLITICS'],
  ['533', 'Weather', 'POLITICS'],
  ['537', 'Personal Debt', 'FINANCIAL_HARDSHIP'],
  ['550', 'Pharmaceuticals, Conditions, and Symptoms', 'HEALTH'],
  ['551', 'Health & Pharma', 'HEALTH'],
  ['627', 'Disabled Sports', 'HEALTH'],
];

describe('sensitive deny-list', () => {
  it('flags exactly the reviewed nodes', () => {
    const actual = INTERESTS.filter((i) => i.sensitive !== null).map((i) => [i.id, i.name, i.sensitive]);
    expect(actual).toEqual(FLAGGED);
  });

  it('lists only existing ids, each once, each with a reason', () => {
    const ids = SENSITIVE_DENY_LIST.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of SENSITIVE_DENY_LIST) {
      expect(
        INTERESTS.some((i) => i.id === e.id),
        e.id,
      ).toBe(true);
      expect(e.reason.length).toBeGreaterThan(10);
    }
  });

  it('descendants inherit, a more specific entry wins', () => {
    for (const i of INTERESTS) {
      if (i.parentId === null) continue;
      const parent = INTERESTS.find((p) => p.id === i.parentId);
      if (parent?.sensitive) expect(i.sensitive, i.id).not.toBeNull();
    }
    expect(INTERESTS.find((i) => i.id === '523')?.sensitive).toBe('CRIME');
  });

  it.each([
    ['381', true],
    ['404', true],
    ['644', false],
    ['543', false],
    ['does-not-exist', true],
  ])('isSensitiveInterest(%s) = %s (unknown ids fail closed)', (id, expected) => {
    expect(isSensitiveInterest(id)).toBe(expected);
  });
});
