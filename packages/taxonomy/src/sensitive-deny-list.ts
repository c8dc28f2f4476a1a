import type { SensitiveCategory } from './types.js';

/** One reviewed entry of the deny-list: the node and every descendant are sensitive. */
export interface DenyListEntry {
  readonly id: string;
  readonly category: SensitiveCategory;
  readonly reason: string;
}

/**
 * Parlance's own deny-list over the IAB Audience Taxonomy 1.1 Interest branch.
 *
 * Descendants inherit the category of their nearest listed ancestor (a more specific entry wins).
 * Sources: the issue's list (health, medical academic, news & politics, religion, ethnicity,
 * sexuality, trade unions, crime, debt/bankruptcy), then IAB Content Taxonomy 3.1 as a second
 * opinion. From 3.1 we TOOK: `SCD` on Medical Health, Men's Health, Herbs and Supplements,
 * Religion & Spirituality (incl. Astrology/Spirituality → New Age), Personal Debt/Credit Cards,
 * Law; "Sensitive Topics" → Death/Military Conflict and Debated Social Issues (under Politics).
 * We did NOT take 3.1's `SCD` on Theater, Smart Home, Vegan Diets, Reptiles, Real Estate, Auto
 * Racing, Parenting, Secondary Education (not special-category data about a person).
 * Regulated-but-not-sensitive nodes (Alcoholic Beverages, Cigars, Poker and Professional Gambling)
 * stay targetable here; campaign policy handles them.
 * The Interest branch has no node for sexuality/gender identity or trade unions: those
 * categories are enforced by the classifier's sensitive lexicon only.
 */
export const SENSITIVE_DENY_LIST: readonly DenyListEntry[] = [
  // HEALTH
  { id: '381', category: 'HEALTH', reason: 'Health and Medical Services: reveals medical needs' },
  { id: '466', category: 'HEALTH', reason: 'Medical Health: conditions and treatment' },
  { id: '550', category: 'HEALTH', reason: 'Pharmaceuticals, Conditions, and Symptoms: reveals conditions' },
  { id: '219', category: 'HEALTH', reason: 'Academic Medicine and Healthcare: medical academic node' },
  { id: '221', category: 'HEALTH', reason: 'Academic Clinical Science: medical academic node' },
  { id: '210', category: 'HEALTH', reason: 'Counseling: proxy for mental-health care' },
  { id: '374', category: 'HEALTH', reason: 'Food Allergies: a medical condition' },
  { id: '407', category: 'HEALTH', reason: "Children's Health: health of a person's child" },
  { id: '411', category: 'HEALTH', reason: "Men's Health: SCD in Content Taxonomy 3.1" },
  { id: '413', category: 'HEALTH', reason: 'Senior Health: age-related conditions' },
  { id: '414', category: 'HEALTH', reason: 'Weight Loss: body-image and health targeting is restricted' },
  {
    id: '416',
    category: 'HEALTH',
    reason: 'Alternative Medicine (and Herbs and Supplements, SCD in 3.1): treatment',
  },
  { id: '419', category: 'HEALTH', reason: 'Physical Therapy: treatment of an injury or condition' },
  { id: '420', category: 'HEALTH', reason: 'Smoking Cessation: addiction treatment' },
  { id: '421', category: 'HEALTH', reason: "Women's Health: reproductive and gynaecological health" },
  { id: '627', category: 'HEALTH', reason: 'Disabled Sports: reveals disability' },
  // POLITICS
  {
    id: '522',
    category: 'POLITICS',
    reason: 'News and Politics: news diet is a proxy for political opinion',
  },
  { id: '529', category: 'POLITICS', reason: 'Politics: political opinion' },
  {
    id: '531',
    category: 'POLITICS',
    reason: 'Political Issues: debated social issues (3.1 Sensitive Topics)',
  },
  { id: '532', category: 'POLITICS', reason: 'War and Conflicts: military conflict (3.1 Sensitive Topics)' },
  { id: '235', category: 'POLITICS', reason: 'International Relations: political opinion proxy' },
  { id: '242', category: 'POLITICS', reason: 'Governance and Society: political opinion proxy' },
  { id: '516', category: 'POLITICS', reason: 'News Radio: political opinion proxy' },
  { id: '517', category: 'POLITICS', reason: 'News/Talk Radio: political opinion proxy' },
  { id: '518', category: 'POLITICS', reason: 'Public Radio: political opinion proxy' },
  // CRIME
  { id: '523', category: 'CRIME', reason: 'Crime (news): crime and legal trouble' },
  { id: '526', category: 'CRIME', reason: 'Law (news): legal trouble (Law is SCD in 3.1)' },
  // RELIGION
  { id: '496', category: 'RELIGION', reason: 'Gospel Music: religious belief proxy' },
  {
    id: '498',
    category: 'RELIGION',
    reason: 'Inspirational/New Age Music: spirituality (3.1 Religion & Spirituality)',
  },
  { id: '503', category: 'RELIGION', reason: 'Religious (Music and Audio): religious belief' },
  // ETHNICITY
  {
    id: '449',
    category: 'ETHNICITY',
    reason: 'Genealogy and Ancestry: reveals ethnic origin (DNA ancestry)',
  },
  { id: '485', category: 'ETHNICITY', reason: 'Urban AC Music: radio format used as a racial proxy' },
  {
    id: '519',
    category: 'ETHNICITY',
    reason: 'Urban Contemporary Music: radio format used as a racial proxy',
  },
  // FINANCIAL_HARDSHIP
  { id: '281', category: 'FINANCIAL_HARDSHIP', reason: 'Bankruptcy: financial hardship' },
  { id: '537', category: 'FINANCIAL_HARDSHIP', reason: 'Personal Debt: financial hardship (SCD in 3.1)' },
];
