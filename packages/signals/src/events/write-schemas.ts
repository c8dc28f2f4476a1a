// Writes the JSON Schemas of the event formats to packages/signals/schema/ (`pnpm schema`).
import { writeFileSync } from 'node:fs';
import { eventJsonSchemas } from './event.schema.js';

for (const [file, schema] of Object.entries(eventJsonSchemas())) {
  writeFileSync(new URL(`../../schema/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
}
