import {
  GraphQLError,
  Kind,
  visit,
  BREAK,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './connection';

/**
 * Request limits in one place. The GraphQL limits are checked before a query
 * runs; they are set so that the contract's own largest operations pass
 * (coverage of every desa of a province — or of the whole country — with
 * every field, households(first: 500) with members and programs,
 * possibleDuplicates(first: 500)); tests/server/limits.test.ts proves it.
 */

/** Deepest nesting of fields (root field = 0). The contract's deepest read is about 6. */
export const MAX_QUERY_DEPTH = 12;

/**
 * Estimated cost ceiling. Cost ≈ objects the query can return: an object
 * counts 1, a list counts its estimated length × its element's cost, scalars
 * are free unless listed in LEAF_WEIGHTS. Coverage of all ~84,000 desa with
 * every region field, boundaries included, is about 0.5 M.
 */
export const MAX_QUERY_COST = 1_000_000;

/** Parser limit: a legitimate document has a few hundred tokens (GraphiQL's introspection ~350). */
export const MAX_QUERY_TOKENS = 15_000;

/** Body size of a GraphQL request (JSON: query + variables). */
export const GRAPHQL_BODY_LIMIT = '1mb';

/**
 * Upload limits of the web import route (POST /api/imports/<kind>), for its
 * multer config: `limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOAD_FILES }`.
 * 200 MiB is a kab/kota roster with room to spare (~1.3 M person rows at ~150
 * bytes); a whole province's roster goes through the CLI, which has its own limit.
 */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 1;
/** Non-file multipart fields (e.g. options) stay small. */
export const MAX_UPLOAD_FIELD_BYTES = 64 * 1024;

/** Most rows a region-level list can have, by (level of `within` → requested level); generous upper bounds for Indonesia. */
const LEVELS = ['PROVINCE', 'REGENCY', 'DISTRICT', 'VILLAGE'] as const;
const MAX_ROWS: Record<number, [number, number, number, number]> = {
  // within:           PROVINCE REGENCY DISTRICT VILLAGE   (requested level)
  0: /* everywhere */ [40, 520, 7_400, 84_000],
  1: /* a province */ [1, 45, 700, 9_000],
  2: /* a kab/kota */ [1, 1, 80, 1_000],
  3: /* kecamatan  */ [1, 1, 1, 200],
  4: /* a desa     */ [1, 1, 1, 1],
};

/** Scalars that cost more than the row they sit on. */
const LEAF_WEIGHTS: Record<string, number> = {
  'Region.geometry': 4, // a boundary is many coordinates and an ST_Simplify
};

/** Expected length of lists without `first` or `level` (nested lists such as a household's members). */
const LIST_DEFAULT = 20;
const LIST_LENGTHS: Record<string, number> = {
  'Query.programs': 200,
  'Query.users': 500,
};

function levelOfCode(code: unknown): number {
  if (typeof code !== 'string' || code.trim() === '') return 0;
  const digits = code.replace(/\./g, '').trim();
  return { 2: 1, 4: 2, 6: 3, 10: 4 }[digits.length] ?? 0;
}

/** Rows of a `level`-argument list, given `within`. */
export function regionRows(level: string, within: unknown): number {
  const target = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  if (target < 0) return MAX_ROWS[0][3];
  const from = levelOfCode(within);
  return from > target + 1 ? 1 : MAX_ROWS[from][target];
}

/** Introspection is free (GraphiQL asks for it on every load). */
const introspectionEstimator: ComplexityEstimator = ({ type, field }) =>
  field.name.startsWith('__') || type.name.startsWith('__') ? 0 : undefined;

/** The portal's rule for every other field; see MAX_QUERY_COST. */
export const portalEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const key = `${type.name}.${field.name}`;
  const returnType = getNullableType(field.type);
  const named = getNamedType(field.type);
  const isRoot = type.name === 'Query' || type.name === 'Mutation';
  if (isLeafType(named)) return LEAF_WEIGHTS[key] ?? (isRoot ? 1 : 0);
  const element = 1 + childComplexity;
  // A paged field (a connection or a list with `first`) returns up to `first` rows.
  if (field.args.some((a) => a.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : PAGE_SIZE_DEFAULT;
    const n = Math.max(1, Math.min(first, PAGE_SIZE_MAX));
    // A connection's children (edges, pageInfo) are counted per row: a slight, safe overestimate.
    return isListType(returnType) ? n * element : 1 + n * childComplexity;
  }
  if (!isListType(returnType)) return element;
  // edges/nodes of a connection: the connection field already counted `first` of them.
  if (type.name.endsWith('Connection')) return element;
  if (typeof args.level === 'string') return regionRows(args.level, args.within) * element;
  return (LIST_LENGTHS[key] ?? LIST_DEFAULT) * element;
};

export const costEstimators: ComplexityEstimator[] = [introspectionEstimator, fieldExtensionsEstimator(), portalEstimator];

export function tooComplex(cost: number | null): GraphQLError {
  const what = cost === null ? 'has too many fields to estimate' : `has an estimated cost of ${cost.toLocaleString('en')}`;
  return new GraphQLError(
    `Query refused before running: it ${what}; the limit is ${MAX_QUERY_COST.toLocaleString('en')}. ` +
      'Ask for fewer rows (a smaller `first`, a narrower `within`), fewer nested lists, or split it into several queries.',
    { extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: MAX_QUERY_COST, http: { status: 400 } } },
  );
}

/** Estimated cost of one operation of a document (the one named, or the only one). */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): number {
  return getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators: costEstimators });
}

/** Has the document a fragment spread cycle or an unknown fragment? (graphql-depth-limit would loop or crash on them.) */
function brokenFragments(document: DocumentNode): boolean {
  const spreads = new Map<string, string[]>();
  const collect = (node: unknown, out: string[]) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { kind?: string; name?: { value: string } };
    if (n.kind === Kind.FRAGMENT_SPREAD && n.name) out.push(n.name.value);
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach((x) => collect(x, out));
      else if (v && typeof v === 'object' && 'kind' in v) collect(v, out);
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const out: string[] = [];
      collect(d.selectionSet, out);
      spreads.set(d.name.value, out);
    }
  }
  const allSpreads: string[] = [];
  collect({ kind: 'Document', definitions: document.definitions }, allSpreads);
  if (allSpreads.some((s) => !spreads.has(s))) return true;
  const state = new Map<string, 1 | 2>();
  const cyclic = (name: string): boolean => {
    if (state.get(name) === 2) return false;
    if (state.get(name) === 1) return true;
    state.set(name, 1);
    const found = (spreads.get(name) ?? []).some(cyclic);
    state.set(name, 2);
    return found;
  };
  return [...spreads.keys()].some(cyclic);
}

/**
 * Depth limit as a validation rule (graphql-depth-limit), with a message that
 * states the limit. Documents with broken fragments are left to graphql's
 * own rules (NoFragmentCycles, KnownFragmentNames), which report them.
 */
export const depthLimitRule: ValidationRule = (context: ValidationContext) => {
  if (brokenFragments(context.getDocument())) return {};
  const proxy = Object.create(context) as ValidationContext;
  proxy.reportError = (error: GraphQLError) =>
    context.reportError(
      new GraphQLError(`Query refused: its fields are nested more than ${MAX_QUERY_DEPTH} levels deep (the limit).`, {
        nodes: error.nodes,
        extensions: { limit: MAX_QUERY_DEPTH },
      }),
    );
  depthLimit(MAX_QUERY_DEPTH)(proxy);
  return {};
};

/**
 * Apollo plugin: the cost limit needs the variables (e.g. `first: $n`), which
 * validation rules do not see, so it runs once the operation is resolved and
 * before it executes.
 */
export function queryCostPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables ?? {}, request.operationName);
          } catch (err) {
            if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) throw tooComplex(null);
            // Bad variable values: execution reports them as BAD_USER_INPUT with the usual message.
            if (err instanceof GraphQLError) return;
            throw err;
          }
          if (cost > MAX_QUERY_COST) throw tooComplex(cost);
        },
      };
    },
  };
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.values(value).some(hasNul);
  return false;
}

/**
 * PostgreSQL cannot store or compare text with a NUL character: such an
 * argument would reach SQL and fail there as an internal error. Refuse it up
 * front as the caller's mistake, for every text argument of every field.
 */
export function textInputPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let found = hasNul(request.variables ?? {});
          if (!found) {
            visit(document, {
              StringValue(node) {
                if (node.value.includes('\u0000')) {
                  found = true;
                  return BREAK;
                }
                return undefined;
              },
            });
          }
          if (found) {
            throw new GraphQLError('Text arguments may not contain the NUL character (\\u0000).', {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
