import { describe, expect, it } from 'vitest';
import { buildSchema as buildSdlSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../../server/src/graphql/schema';
import { MAX_QUERY_COST, MAX_QUERY_DEPTH, depthLimitRule, queryCost, regionRows } from '../../server/src/graphql/limits';
import { argsText, fullSelection, rootFields } from '../fixtures/security/graphql-walk';
import { getNamedType } from 'graphql';

const rules = [...specifiedRules, depthLimitRule];

function check(schema: GraphQLSchema, text: string, variables: Record<string, unknown> = {}) {
  const doc = parse(text);
  const errors = validate(schema, doc, rules).map((e) => e.message);
  const cost = errors.length ? NaN : queryCost(schema, doc, variables);
  return { errors, cost };
}

/** The largest form of a root field: every desa of the country, 500 rows a page, a year. */
function largestArgs(): Record<string, string> {
  return { level: 'VILLAGE', first: '500', year: '2025' };
}

describe('query limits: what the contract needs always passes', () => {
  /** Contract §5 operations: must pass even over all of Indonesia at desa level. */
  const CONTRACT = new Set(['regions', 'coverage', 'dataQuality', 'budgetRealisation', 'households', 'programs', 'possibleDuplicates', 'me']);

  it('every Query field, at its largest page size and level, with every field selected, is within depth and cost', async () => {
    const schema = await buildAppSchema();
    const report: string[] = [];
    for (const field of rootFields(schema, 'Query')) {
      const hasWithin = field.args.some((a) => a.name === 'within');
      // Contract operations nationwide and within the province with the most desa (Jawa Tengah, 33);
      // the other (module) queries within that province, the largest view the portal's screens ask for.
      const scopes = CONTRACT.has(field.name) ? [null, '"33"'] : [hasWithin ? '"33"' : null];
      for (const within of scopes) {
        if (within && !hasWithin) continue;
        const overrides = { ...largestArgs(), ...(within ? { within } : {}) };
        const text = `{ ${field.name}${argsText(field, overrides)} ${fullSelection(schema, getNamedType(field.type))} }`;
        const r = check(schema, text);
        if (r.errors.length || !(r.cost <= MAX_QUERY_COST)) report.push(`${field.name} (within ${within}): ${r.errors.join('; ')} cost ${r.cost}`);
      }
    }
    expect(report).toEqual([]);
  });

  it('the contract operations it proves are all in the schema', async () => {
    const schema = await buildAppSchema();
    const names = rootFields(schema, 'Query').map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining([...CONTRACT]));
  });

  it('regions of every desa of a province with boundaries stays far below the limit', async () => {
    const schema = await buildAppSchema();
    const r = check(schema, `{ regions(level: VILLAGE, within: "33") { code name level kind parentCode areaKm2 lat lng geometry(simplify: 0) } }`);
    expect(r.errors).toEqual([]);
    // 9,000 desa × (1 row + 4 for the boundary)
    expect(r.cost).toBe(9_000 * 5);
  });

  it('households(first: 500) with members and programs, and possibleDuplicates(first: 500), cost what the rule says', async () => {
    const schema = await buildAppSchema();
    const h = check(
      schema,
      `{ households(within: "75", first: 500) { totalCount edges { cursor node { noKk dtks desil address region { code name }
         members { nik name sex birthDate relation } programs { program year stage amount } } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(h.errors).toEqual([]);
    // node = 1 + region 1 + members 20 + programs 20; edge = 1 + node; + pageInfo 1; × 500 rows + the connection
    expect(h.cost).toBe(1 + 500 * (1 + 42 + 1));
    const d = check(schema, `{ possibleDuplicates(first: 500) { totalCount edges { node { a { nik name birthDate region { code } } b { nik name birthDate region { code } } score reasons } } } }`);
    expect(d.errors).toEqual([]);
    expect(d.cost).toBe(1 + 500 * (1 + 1 + 2 + 2));
  });

  it('the GraphiQL introspection query passes and costs nothing', async () => {
    const schema = await buildAppSchema();
    const r = check(schema, getIntrospectionQuery());
    expect(r.errors).toEqual([]);
    expect(r.cost).toBe(0);
  });
});

describe('query limits: what is refused', () => {
  it('three nationwide desa boundary layers in one request exceed the cost limit', async () => {
    const schema = await buildAppSchema();
    const one = `regions(level: VILLAGE) { code geometry }`;
    const r = check(schema, `{ a: ${one} b: ${one} c: ${one} }`);
    expect(r.errors).toEqual([]);
    expect(r.cost).toBe(3 * 84_000 * 5);
    expect(r.cost).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('counts page sizes from variables and caps them at 500', async () => {
    const schema = await buildAppSchema();
    const q = `query($n: Int) { auditLog(first: $n) { totalCount edges { cursor node { id action } } } }`;
    const at = (n: number | null) => queryCost(schema, parse(q), { n });
    // connection: 1 + n × (totalCount 0 + edges (1 + node 1)) = 1 + 2n
    expect(at(10)).toBe(21);
    expect(at(null)).toBe(101); // default page of 50
    expect(at(500)).toBe(1001);
    expect(at(100_000)).toBe(1001); // capped like the resolver caps it
  });

  it('row estimates follow the region hierarchy', () => {
    expect(regionRows('VILLAGE', null)).toBe(84_000);
    expect(regionRows('VILLAGE', '33')).toBe(9_000);
    expect(regionRows('VILLAGE', '33.06')).toBe(1_000);
    expect(regionRows('VILLAGE', '3306')).toBe(1_000);
    expect(regionRows('DISTRICT', '75.01')).toBe(80);
    expect(regionRows('PROVINCE', null)).toBe(40);
    expect(regionRows('REGENCY', '75.01.01.2001')).toBe(1); // within below the level: the resolver refuses it
  });

  // The portal's schema has no cycle yet (that deep a query cannot be written), so the rule is proven on one that has.
  const cyclic = buildSdlSchema(`
    type Person { name: String household: Household }
    type Household { noKk: String members: [Person] }
    type Query { person: Person }
  `);
  const nest = (levels: number) => {
    let sel = 'name';
    for (let i = 0; i < levels; i++) sel = i % 2 === 0 ? `household { members { ${sel} } }` : `household { noKk members { ${sel} } }`;
    return `{ person { ${sel} } }`;
  };

  it(`refuses fields nested deeper than ${MAX_QUERY_DEPTH} levels with a message that states the limit`, () => {
    const ok = validate(cyclic, parse(nest(5)), rules); // depth 11
    expect(ok).toEqual([]);
    const deep = validate(cyclic, parse(nest(6)), rules); // depth 13
    expect(deep).toHaveLength(1);
    expect(deep[0].message).toBe(`Query refused: its fields are nested more than ${MAX_QUERY_DEPTH} levels deep (the limit).`);
  });

  it('a fragment cycle or an unknown fragment is reported by graphql, not a crash of the depth rule', () => {
    const cycle = validate(cyclic, parse(`{ person { ...A } } fragment A on Person { household { members { ...B } } } fragment B on Person { ...A }`), rules);
    expect(cycle.map((e) => e.message).join(' ')).toMatch(/Cannot spread fragment "A" within itself/);
    const unknown = validate(cyclic, parse(`{ person { ...Nope } }`), rules);
    expect(unknown.map((e) => e.message).join(' ')).toMatch(/Unknown fragment "Nope"/);
  });
});
