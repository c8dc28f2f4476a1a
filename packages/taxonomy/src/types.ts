/** Special-category data Parlance never turns into a signal or a targetable interest. */
export type SensitiveCategory =
  | 'HEALTH'
  | 'RELIGION'
  | 'POLITICS'
  | 'SEXUALITY'
  | 'ETHNICITY'
  | 'TRADE_UNION'
  | 'CRIME'
  | 'FINANCIAL_HARDSHIP';

/** Every {@link SensitiveCategory}, in a stable order. */
export const SENSITIVE_CATEGORIES: readonly SensitiveCategory[] = [
  'HEALTH',
  'RELIGION',
  'POLITICS',
  'SEXUALITY',
  'ETHNICITY',
  'TRADE_UNION',
  'CRIME',
  'FINANCIAL_HARDSHIP',
];

/** A node of the IAB Audience Taxonomy 1.1 Interest branch. */
export interface Interest {
  /** IAB Unique ID, as a string. */
  readonly id: string;
  /** Parent IAB id; null for top-level nodes (children of the omitted root "Interest", id 206). */
  readonly parentId: string | null;
  readonly name: string;
  /** Names from the top-level node down to this one, e.g. ["Sports", "Golf"]. */
  readonly path: readonly string[];
  /** IAB tier: 2 = top-level group (e.g. "Sports"), 3..5 below it. Tier 1 is the omitted root. */
  readonly tier: number;
  readonly sensitive: SensitiveCategory | null;
}
