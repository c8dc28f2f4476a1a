// Placeholder: the classifier lands here (see issue 3). The shape below is the contract.
import type { SensitiveCategory } from '@parlance/taxonomy';

export interface InterestMatch {
  /** IAB Audience Taxonomy 1.1 unique id. */
  id: string;
  name: string;
  /** 0..1 */
  confidence: number;
  /** The surface terms in the message that produced this match (for explanations). */
  matched: string[];
}

export type Classification =
  | { sensitive: true; categories: SensitiveCategory[]; matched: string[] }
  | { sensitive: false; interests: InterestMatch[] };

export function classify(_text: string): Classification {
  throw new Error('classifier not implemented yet');
}
