import { type ClassType, Field, ObjectType } from 'type-graphql';
import { ServerError } from '../../errors.js';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node type (Relay spec). */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeClass {
    @Field(() => String, { description: 'Opaque cursor.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeClass])
    edges!: EdgeClass[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass as ClassType<Connection<T>>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Clamps `first` to 1..MAX_PAGE_SIZE; an out-of-range value is a user error. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ServerError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`, {
      field: 'first',
    });
  }
  return first;
}

/** Opaque cursors: base64url JSON. Clients must not parse them. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to the typed error below: a malformed cursor is the caller's mistake
  }
  throw new ServerError('BAD_USER_INPUT', 'after is not a valid cursor.', { field: 'after' });
}

/** Keyset cursor over (createdAt, id), newest first. */
export interface TimeCursor {
  t: string;
  id: string;
}

export const isTimeCursor = (v: unknown): v is TimeCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as TimeCursor).t === 'string' &&
  typeof (v as TimeCursor).id === 'string' &&
  !Number.isNaN(Date.parse((v as TimeCursor).t));

/** Turns `rows` (fetched with limit size+1) into a connection. */
export function toConnection<Row, Node>(
  rows: Row[],
  size: number,
  cursorOf: (row: Row) => string,
  toNode: (row: Row) => Node,
  hasPrevious: boolean,
): Connection<Node> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A guessed or malformed id is simply "not found" (never a driver error). */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id)) throw new ServerError('NOT_FOUND', `${what} not found.`);
  return id.toLowerCase();
}
