import type { Classification } from '../classifier/index.js';

/** Keyword → interest id, for tests that must not depend on the real classifier. */
const KEYWORDS: Readonly<Record<string, { id: string; name: string }>> = {
  golf: { id: 'I-GOLF', name: 'Golf' },
  sushi: { id: 'I-SUSHI', name: 'Sushi' },
  hiking: { id: 'I-HIKING', name: 'Hiking' },
  camera: { id: 'I-CAMERA', name: 'Cameras' },
};

/** Messages containing "diagnosis" or "church" are sensitive, as the real classifier would say. */
export function fakeClassifier(text: string): Classification {
  const lower = text.toLowerCase();
  if (lower.includes('diagnosis')) return { sensitive: true, categories: ['HEALTH'], matched: ['diagnosis'] };
  if (lower.includes('church')) return { sensitive: true, categories: ['RELIGION'], matched: ['church'] };
  const interests = Object.entries(KEYWORDS)
    .filter(([word]) => lower.includes(word))
    .map(([word, interest]) => ({ ...interest, confidence: 0.9, matched: [word] }));
  return { sensitive: false, interests };
}

/** Policy used in tests: FR and KR excluded, plus anything not in a small known list. */
export function fakeRegionPolicy(country: string, _at: Date): boolean {
  return !['US', 'CA', 'BR', 'JP', 'AU'].includes(country);
}
