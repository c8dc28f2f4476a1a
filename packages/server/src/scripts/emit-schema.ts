import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildParlanceSchema, printParlanceSchema } from '../schema.js';

/** `pnpm --filter @parlance/server schema`: writes packages/server/schema.graphql. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

const sdl = printParlanceSchema(await buildParlanceSchema());
writeFileSync(SCHEMA_FILE, sdl);
console.log(`wrote ${SCHEMA_FILE}`);
