import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { SignalsError } from '../errors.js';

/**
 * Reads a file (or `-` for stdin, or any readable stream) line by line, LF or CRLF, without
 * loading it whole. A file that cannot be opened fails with `INPUT_UNREADABLE`.
 */
export async function* readLines(source: string | Readable): AsyncGenerator<string> {
  let input: Readable;
  let close: (() => Promise<void>) | undefined;
  if (typeof source !== 'string') input = source;
  else if (source === '-') input = process.stdin;
  else {
    try {
      const handle = await open(source, 'r');
      input = handle.createReadStream({ encoding: 'utf8', highWaterMark: 1 << 20 });
      close = async () => {
        input.destroy();
        await handle.close().catch(() => undefined); // already closed by the stream: nothing to do
      };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new SignalsError(
        'INPUT_UNREADABLE',
        `Cannot read ${source}${typeof code === 'string' ? ` (${code})` : ''}.`,
        { cause: error },
      );
    }
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
    if (close) await close();
  }
}
