import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';

/**
 * Shared pieces of the contract's connections:
 * `{ totalCount edges { cursor node } pageInfo { hasNextPage endCursor } }`,
 * `first` defaulting to 50 and capped at 500. Every connection in the API
 * should use this PageInfo (GraphQL type names must be unique).
 */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;

@ObjectType({ description: 'Paging state of a connection' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page' })
  endCursor!: string | null;
}

/** The edge type `<name>Edge { cursor node }` of a connection of `node`. */
export function edgeType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }
  return Edge;
}

/**
 * The contract's connection type `<name>Connection { totalCount edges pageInfo }` with its
 * `<name>Edge`, for one node type (every list of the API pages the same way). Use it as
 * `export const XConnection = connectionType('X', XType, …); export type XConnection = InstanceType<typeof XConnection>;`.
 */
export function connectionType<T extends object>(name: string, node: ClassType<T>, opts: { description?: string; totalCount?: string } = {}) {
  const Edge = edgeType(name, node);
  @ObjectType(`${name}Connection`, opts.description ? { description: opts.description } : {})
  class Connection {
    @Field(() => Int, opts.totalCount ? { description: opts.totalCount } : {})
    totalCount!: number;

    @Field(() => [Edge])
    edges!: InstanceType<typeof Edge>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

/** `first` as given by the caller → the page size actually used (default 50, at most 500). */
export function pageSize(first: number | null | undefined, argName = 'first'): number {
  if (first == null) return PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(first) || first < 0) throw badInput(`${argName} must be a whole number ≥ 0, got ${first}.`);
  return Math.min(first, PAGE_SIZE_MAX);
}

/** Opaque cursor: base64url of "<list>:<key>", so a cursor of one list is not accepted by another. */
export function encodeCursor(list: string, key: string | number): string {
  return Buffer.from(`${list}:${key}`, 'utf8').toString('base64url');
}

/** The key inside a cursor made by encodeCursor for `list`; BAD_USER_INPUT when it is not one. */
export function decodeCursor(list: string, cursor: string, argName = 'after'): string {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(`${list}:`)) throw badInput(`${argName}: "${cursor.slice(0, 60)}" is not a cursor of this list.`);
  return text.slice(list.length + 1);
}
