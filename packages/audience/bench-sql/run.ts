/**
 * Plain-SQL baseline: the same synthetic population as `pnpm bench` (default 1M users) loaded into
 * Postgres with COPY, given the best indexes we found, and the same composite count run as SQL.
 * Prints the engine/SQL latency ratio. Creates and drops a fresh temporary database.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @parlance/audience bench:sql [--users 1000000]
 */
import { createReadStream, mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { COMPOSITE } from '../src/bench/suite.js';
import { benchCatalog, benchInterestId, generatePopulation } from '../src/bench/population.js';
import { countSpec } from '../src/evaluate.js';
import { canonicalizeSpec } from '../src/spec.js';

const argIndex = process.argv.indexOf('--users');
const USERS =
  argIndex >= 0 ? Number(process.argv[argIndex + 1]) : Number(process.env.BENCH_USERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_SQL_RUNS ?? 5);
const NOW = new Date('2025-06-30T12:00:00Z');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (s: string) => process.stderr.write(`${s}\n`);
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dayString = (daysAgo: number) =>
  new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  // 1. Generate once into the engine index and into COPY files.
  const dir = mkdtempSync(join(tmpdir(), 'parlance-bench-sql-'));
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const dbName = `parlance_bench_${process.pid}`;
  try {
    const pf = openSync(join(dir, 'profiles.tsv'), 'w');
    const sf = openSync(join(dir, 'signals.tsv'), 'w');
    let pbuf = '';
    let sbuf = '';
    const t0 = performance.now();
    const gen = generatePopulation(USERS, {
      now: NOW,
      also: {
        profile(user, country, birthYear, optedOut) {
          pbuf += `${user}\t${country}\t${birthYear}\t${optedOut ? 't' : 'f'}\n`;
          if (pbuf.length > 1 << 20) {
            writeSync(pf, pbuf);
            pbuf = '';
          }
        },
        signals(rank, daysAgo, users) {
          const tail = `\t${benchInterestId(rank)}\t${dayString(daysAgo)}\n`;
          for (const u of users) sbuf += `${u}${tail}`;
          if (sbuf.length > 1 << 20) {
            writeSync(sf, sbuf);
            sbuf = '';
          }
        },
      },
    });
    writeSync(pf, pbuf);
    writeSync(sf, sbuf);
    closeSync(pf);
    closeSync(sf);
    log(
      `generated ${USERS} users, ${gen.signals} signals in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const snap = gen.index.buildSnapshot(NOW);
    const spec = canonicalizeSpec(COMPOSITE[0]!, {}, { catalog: benchCatalog(), at: NOW });

    // 2. Load Postgres.
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const sql = postgres(url.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`), { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`
        CREATE UNLOGGED TABLE profiles (user_id int PRIMARY KEY, country char(2) NOT NULL,
          birth_year smallint NOT NULL, opted_out boolean NOT NULL);
        CREATE UNLOGGED TABLE signals (user_id int NOT NULL, interest_id text NOT NULL, last_day date NOT NULL);`);
      const t1 = performance.now();
      for (const table of ['profiles', 'signals']) {
        const w = await sql.unsafe(`COPY ${table} FROM STDIN`).writable();
        await pipeline(createReadStream(join(dir, `${table}.tsv`)), w);
      }
      log(`COPY in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      const t2 = performance.now();
      await sql.unsafe(`
        CREATE INDEX signals_interest_day_user ON signals (interest_id, last_day, user_id);
        CREATE INDEX signals_user_interest_day ON signals (user_id, interest_id, last_day);
        CREATE INDEX profiles_country_birth ON profiles (country, birth_year) INCLUDE (user_id, opted_out);`);
      for (const table of ['profiles', 'signals']) await sql.unsafe(`VACUUM ANALYZE ${table}`);
      log(`indexes + analyze in ${((performance.now() - t2) / 1000).toFixed(1)} s`);

      // 3. The composite count as SQL, two formulations; the faster one is the baseline.
      const cutoff = dayString(spec.recencyDays - 1);
      const year = NOW.getUTCFullYear();
      const maxAge = spec.ageMax >= 65 ? 1000 : spec.ageMax;
      const groups = spec.include.map((g) => [...g]);
      const exclude = [...spec.exclude];
      const existsSql = `
        SELECT count(*)::int AS n FROM profiles p
        WHERE NOT p.opted_out AND p.country = ANY($1::text[])
          AND p.birth_year BETWEEN ${year - 1 - maxAge} AND ${year - 1 - spec.ageMin}
          ${groups.map((_, i) => `AND EXISTS (SELECT 1 FROM signals s WHERE s.user_id = p.user_id AND s.interest_id = ANY($${i + 2}::text[]) AND s.last_day >= $${groups.length + 3}::date)`).join('\n          ')}
          AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.user_id = p.user_id AND s.interest_id = ANY($${groups.length + 2}::text[]) AND s.last_day >= $${groups.length + 3}::date)`;
      const setSql = `
        SELECT count(*)::int AS n FROM (
          ${groups.map((_, i) => `SELECT user_id FROM signals WHERE interest_id = ANY($${i + 2}::text[]) AND last_day >= $${groups.length + 3}::date`).join('\n          INTERSECT ')}
          EXCEPT SELECT user_id FROM signals WHERE interest_id = ANY($${groups.length + 2}::text[]) AND last_day >= $${groups.length + 3}::date
        ) a JOIN profiles p USING (user_id)
        WHERE NOT p.opted_out AND p.country = ANY($1::text[])
          AND p.birth_year BETWEEN ${year - 1 - maxAge} AND ${year - 1 - spec.ageMin}`;
      const params = [[...spec.countries], ...groups, exclude, cutoff];
      const exact = countSpec(snap, spec);
      const results: { name: string; p50: number; n: number }[] = [];
      for (const [name, text] of [
        ['exists', existsSql],
        ['set_ops', setSql],
      ] as const) {
        const times: number[] = [];
        let n = -1;
        for (let i = 0; i < RUNS + 1; i++) {
          const t = performance.now();
          const rows = await sql.unsafe(text, params as never[]);
          if (i > 0) times.push(performance.now() - t); // first run warms the cache
          n = (rows[0] as unknown as { n: number }).n;
        }
        results.push({ name, p50: p50(times), n });
        log(`sql ${name}: p50 ${p50(times).toFixed(1)} ms, count ${n} (engine exact ${exact})`);
        if (n !== exact) throw new Error(`SQL ${name} count ${n} differs from the engine's ${exact}`);
      }
      const best = results.reduce((a, b) => (b.p50 < a.p50 ? b : a));

      // 4. The engine on the same spec.
      const times: number[] = [];
      for (let i = 0; i < 105; i++) {
        const t = performance.now();
        countSpec(snap, spec);
        if (i >= 5) times.push(performance.now() - t);
      }
      const engine = p50(times);
      const bench = `audience-sql-${USERS >= 1e6 ? `${USERS / 1e6}m` : `${USERS / 1e3}k`}`;
      const out = [
        { metric: 'sql_composite_p50_ms', value: best.p50, unit: 'ms', variant: best.name },
        { metric: 'engine_composite_p50_ms', value: engine, unit: 'ms' },
        { metric: 'engine_over_sql_ratio', value: engine / best.p50, unit: 'ratio' },
        { metric: 'speedup_vs_sql', value: best.p50 / engine, unit: 'x' },
      ];
      for (const o of out) process.stdout.write(`${JSON.stringify({ bench, users: USERS, ...o })}\n`);
      log(
        `engine p50 ${engine.toFixed(3)} ms vs SQL (${best.name}) p50 ${best.p50.toFixed(1)} ms: engine/SQL = ${(engine / best.p50).toExponential(2)}, ${(best.p50 / engine).toFixed(0)}× faster`,
      );
    } finally {
      await sql.end();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
