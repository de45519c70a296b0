import { Field, ObjectType } from 'type-graphql';
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
