import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, MIGRATIONS_FOLDER, migrate } from './client.js';
import * as schema from './schema/index.js';
import { createTestDb, testDbKind } from './testing/index.js';

// drizzle-kit's programmatic API is CommonJS; load it the way it is published.
const require = createRequire(import.meta.url);
const kit = require('drizzle-kit/api') as typeof import('drizzle-kit/api');

interface SnapshotColumn {
  name: string;
  type: string;
  notNull: boolean;
  typeSchema?: string;
}
interface SnapshotTable {
  name: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, unknown>;
  foreignKeys: Record<string, unknown>;
  compositePrimaryKeys: Record<string, unknown>;
  uniqueConstraints: Record<string, unknown>;
}

/** Postgres spells some types differently from drizzle's snapshot; fold both to one form. */
function normaliseType(type: string): string {
  return type
    .replace(/^bigserial$/, 'bigint')
    .replace(/^serial$/, 'integer')
    .replace(/^char\((\d+)\)$/, 'character($1)')
    .replace(/,\s+/g, ',');
}

/** The schema as drizzle describes it: table → column → "type not null". */
async function expectedShape() {
  const json = (await kit.generateDrizzleJson(schema, undefined, undefined, 'snake_case')) as unknown as {
    tables: Record<string, SnapshotTable>;
  };
  const shape: Record<string, { columns: Record<string, string>; constraints: string[] }> = {};
  for (const table of Object.values(json.tables)) {
    shape[table.name] = {
      columns: Object.fromEntries(
        Object.values(table.columns).map((c) => [
          c.name,
          `${normaliseType(c.type)}${c.notNull ? ' not null' : ''}`,
        ]),
      ),
      constraints: [
        ...Object.keys(table.indexes),
        ...Object.keys(table.foreignKeys),
        ...Object.keys(table.compositePrimaryKeys),
        ...Object.keys(table.uniqueConstraints),
      ].sort(),
    };
  }
  return shape;
}

/** The schema as the live database has it, read from the catalogue. */
async function actualShape(handle: DbHandle) {
  const columns = await handle.execute<{
    table_name: string;
    column_name: string;
    type: string;
    not_null: boolean;
  }>(`
    select c.relname as table_name, a.attname as column_name,
           format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`);
  const constraints = await handle.execute<{ table_name: string; name: string }>(`
    select c.relname as table_name, i.relname as name
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not x.indisprimary and not exists (
      select 1 from pg_constraint k where k.conindid = i.oid and k.contype = 'u')
    union all
    select c.relname, k.conname from pg_constraint k join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and (k.contype in ('f', 'u') or (k.contype = 'p' and array_length(k.conkey, 1) > 1))`);
  const shape: Record<string, { columns: Record<string, string>; constraints: string[] }> = {};
  for (const c of columns) {
    shape[c.table_name] ??= { columns: {}, constraints: [] };
    const table = shape[c.table_name];
    if (table)
      table.columns[c.column_name] = `${c.type.replace(/,\s+/g, ',')}${c.not_null ? ' not null' : ''}`;
  }
  for (const c of constraints) shape[c.table_name]?.constraints.push(c.name);
  for (const table of Object.values(shape)) table.constraints.sort();
  return shape;
}

describe(`migrations (${testDbKind()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('leave the database exactly as the drizzle schema describes it', async () => {
    expect(await actualShape(handle)).toEqual(await expectedShape());
  });

  it('are complete: generating from the schema yields no new statements', async () => {
    const snapshots = readdirSync(join(MIGRATIONS_FOLDER, 'meta'))
      .filter((f) => f.endsWith('_snapshot.json'))
      .sort();
    const last = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', snapshots.at(-1) ?? ''), 'utf8'));
    const current = await kit.generateDrizzleJson(schema, last.id, undefined, 'snake_case');
    expect(await kit.generateMigration(last, current)).toEqual([]);
  });

  it('are idempotent: migrate() again is a no-op', async () => {
    await expect(migrate(handle)).resolves.toBeUndefined();
  });
});
