import type { AudienceChunk, AudienceLoader } from '@parlance/audience';

/** Interests the synthetic population uses (IAB ids, all non-sensitive), most popular first. */
export const SYNTHETIC_INTERESTS = [
  '725',
  '720',
  '672',
  '633',
  '632',
  '665',
  '410',
  '625',
  '731',
  '371',
] as const;
const COUNTRIES = ['US', 'CA', 'BR', 'JP', 'AU', 'MX', 'IN', 'US', 'US', 'CA'] as const;

/**
 * A loader that generates users directly, without a database: for tests and the benchmark
 * (1M users build in seconds). Deterministic: user i has country COUNTRIES[i % 10], a birth
 * year from 1950 to 2004, and interest j when (i * 7919 + j * 104729) % (j + 2) === 0, seen
 * `i % 60` days before `now`.
 */
export class SyntheticLoader implements AudienceLoader {
  constructor(
    private readonly users: number,
    private readonly now: Date = new Date(),
    private readonly chunkSize = 50_000,
  ) {}

  async *scan(): AsyncIterable<AudienceChunk> {
    for (let start = 0; start < this.users; start += this.chunkSize) {
      const end = Math.min(this.users, start + this.chunkSize);
      const profiles: NonNullable<AudienceChunk['profiles']> = [];
      const signals: NonNullable<AudienceChunk['signals']> = [];
      for (let i = start; i < end; i++) {
        const userId = `u${i}`;
        profiles.push({
          userId,
          country: COUNTRIES[i % 10] as string,
          birthYear: 1950 + (i % 55),
          optedOut: false,
        });
        const lastDay = new Date(this.now.getTime() - (i % 60) * 86_400_000).toISOString().slice(0, 10);
        SYNTHETIC_INTERESTS.forEach((interestId, j) => {
          if ((i * 7919 + j * 104729) % (j + 2) === 0) signals.push({ userId, interestId, lastDay });
        });
      }
      yield { profiles, signals };
    }
    yield { watermark: 'synthetic' };
  }

  async *changesSince(): AsyncIterable<AudienceChunk> {
    yield { watermark: 'synthetic' };
  }
}
