// Child process for the SIGKILL test: ingests a file slowly enough to be killed mid-way.
// Usage: ingest-child.ts DATABASE_URL FILE
import { createDb } from '@parlance/db';
import { createIngestor } from '../ingest/ingestor.js';
import { readLines } from '../ingest/read-lines.js';
import { fakeClassifier } from './fake-classifier.js';

const [url, file] = process.argv.slice(2);
if (!url || !file) throw new Error('usage: ingest-child.ts DATABASE_URL FILE');
const db = await createDb({ databaseUrl: url, maxConnections: 2 });
const ingestor = createIngestor({
  db,
  pseudonymKey: 'sigkill-test-key-0123456789abcdef',
  now: new Date('2025-06-15T12:00:00Z'),
  batchSize: 200,
  classifier: fakeClassifier,
  onProgress: (p) => process.stdout.write(`committed ${p.lines}\n`),
});
await ingestor.ingestLines(readLines(file));
await db.close();
