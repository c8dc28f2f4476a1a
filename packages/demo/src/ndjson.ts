import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { DEFAULT_USERS, type GenerateOptions, generateUsers } from './generate.js';

export interface WriteProgress {
  users: number;
  totalUsers: number;
  events: number;
}

export interface WriteSummary {
  users: number;
  events: number;
  bytes: number;
}

/**
 * Writes the population to `file` as NDJSON (one event per line), streaming with
 * back-pressure so memory stays flat at any size. `onProgress` is called every 1,000 users.
 */
export async function writeNdjson(
  file: string,
  options: GenerateOptions & { onProgress?: (progress: WriteProgress) => void } = {},
): Promise<WriteSummary> {
  const totalUsers = options.users ?? DEFAULT_USERS;
  const out = createWriteStream(file, { encoding: 'utf8' });
  let users = 0;
  let events = 0;
  let bytes = 0;
  let chunk = '';
  try {
    for (const user of generateUsers(options)) {
      for (const event of user.events) chunk += `${JSON.stringify(event)}\n`;
      events += user.events.length;
      users++;
      if (chunk.length >= 1 << 16) {
        bytes += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
      if (users % 1000 === 0) options.onProgress?.({ users, totalUsers, events });
    }
    bytes += Buffer.byteLength(chunk);
    out.end(chunk);
    await finished(out);
  } catch (error) {
    out.destroy();
    throw error;
  }
  options.onProgress?.({ users, totalUsers, events });
  return { users, events, bytes };
}
