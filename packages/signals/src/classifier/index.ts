export type { Classification, InterestMatch } from './classify.js';
export { classify, classifyWith, MIN_CONFIDENCE } from './classify.js';
export type { ClassifierErrorCode } from './errors.js';
export { ClassifierError } from './errors.js';
export type { CompiledLexicon } from './lexicon.js';
export { compileLexicon, defaultLexicon, STRONG_WEIGHT, WEAK_WEIGHT } from './lexicon.js';
export { tokenize } from './tokenize.js';
