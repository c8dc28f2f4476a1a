/** A user's demographic profile as the system of record holds it. */
export interface AudienceProfile {
  /** Pseudonymous user id. */
  userId: string;
  /** ISO-3166 alpha-2, upper case. */
  country: string;
  birthYear: number;
  optedOut: boolean;
}

/** The latest day a user was seen with an interest. */
export interface AudienceSignal {
  userId: string;
  interestId: string;
  /** YYYY-MM-DD (UTC), the latest day seen. */
  lastDay: string;
}

/** One slice of the state or of the changes. Every field is optional. */
export interface AudienceChunk {
  profiles?: AudienceProfile[];
  signals?: AudienceSignal[];
  /** Users erased since the watermark: gone from every count from the next snapshot on. */
  erased?: string[];
  /** On the last chunk of a scan/changes stream: where the next `changesSince` starts. */
  watermark?: string;
}

/**
 * Where the engine's data comes from (the server implements it over Postgres).
 * Replays are fine: applying a chunk twice leaves the index as applying it once.
 */
export interface AudienceLoader {
  /** The full state. */
  scan(): AsyncIterable<AudienceChunk>;
  /** Everything changed since a watermark given by a previous stream. */
  changesSince(watermark: string): AsyncIterable<AudienceChunk>;
}
