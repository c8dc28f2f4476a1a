/** Lower-cases, strips accents, turns punctuation into spaces and collapses whitespace. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A light English singulariser, enough to make search plural-insensitive ("cats" = "cat"). */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Normalised, singularised tokens of a string. */
export function searchTokens(input: string): string[] {
  const norm = normalizeText(input);
  return norm === '' ? [] : norm.split(' ').map(singular);
}
