export { buildProgram, CliError, main } from './main.js';
export { openDatabase, resolveSecrets } from './runtime.js';
export type { Secrets } from './runtime.js';
