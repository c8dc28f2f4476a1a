import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventJsonSchemas } from './event.schema.js';

describe('committed JSON Schemas', () => {
  it.each(Object.entries(eventJsonSchemas()))(
    'schema/%s matches the zod schema (regenerate: pnpm schema)',
    (file, schema) => {
      const committed = JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8'));
      expect(committed).toEqual(schema);
    },
  );
});
