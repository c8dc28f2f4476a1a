import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { SignalsError } from '../errors.js';
import { readLines } from './read-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'signals-read-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(source: Parameters<typeof readLines>[0]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines(source)) out.push(line);
  return out;
}

describe('readLines', () => {
  it('reads LF and CRLF files line by line, keeping blank lines for numbering', async () => {
    const file = join(dir, 'a.ndjson');
    writeFileSync(file, '{"a":1}\r\n\n{"b":2}\n{"c":3}');
    expect(await collect(file)).toEqual(['{"a":1}', '', '{"b":2}', '{"c":3}']);
  });

  it('reads a stream', async () => {
    expect(await collect(Readable.from(['x\ny', '\nz\n']))).toEqual(['x', 'y', 'z']);
  });

  it('fails with INPUT_UNREADABLE for a missing file', async () => {
    const error = await collect(join(dir, 'missing.ndjson')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalsError);
    expect((error as SignalsError).code).toBe('INPUT_UNREADABLE');
  });
});
