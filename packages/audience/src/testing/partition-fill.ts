import type { BitmapIndex } from '../bitmap-index.js';
import { partitionOfUser, splitChunk } from '../partitioned-index.js';
import type { PartitionFill } from '../worker-protocol.js';
import { populationChunk, type TestUser } from './population.js';

/** Loads the test users of its partition, as a worker's bulk fill would. Returns how many. */
export const fillTestUsers: PartitionFill<TestUser[], number> = (
  index: BitmapIndex,
  { partition, partitions, args },
) => {
  index.applyChunk(splitChunk(populationChunk(args), partitions)[partition]!);
  return args.filter((u) => partitionOfUser(u.userId, partitions) === partition).length;
};

/** Ends the worker thread it runs in (a crashed partition); does nothing in the calling thread. */
export const exitWorker: PartitionFill<number, void> = (_index, { partition, args }) => {
  if (partition > 0) process.exit(args);
};
