import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, type GraphQLField } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { Express } from 'express';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { buildAppSchema } from '../../server/src/graphql/schema';
import { PUBLIC_ROOT_FIELDS } from '../../server/src/graphql/auth-checker';
import { MAX_QUERY_COST } from '../../server/src/graphql/limits';
import { maskNikValue } from '../../server/src/modules/auth/access';
import { argsText, fullSelection, minimalSelection, rootFields, textArgumentSlots } from '../fixtures/security/graphql-walk';

/**
 * The access matrix: every role × every GraphQL root field × (for writes of
 * an OPERATOR) inside/outside the operator's region, and every HTTP route.
 * Fields and routes are read from the running schema and app, so a field or
 * route added later without an entry in POLICY / HTTP_POLICY fails here.
 */

const schema = await buildAppSchema();

type RoleName = 'ADMIN' | 'OPERATOR' | 'ANALYST' | 'VIEWER';
const ROLES: RoleName[] = ['ADMIN', 'OPERATOR', 'ANALYST', 'VIEWER'];
/** allow: passes; deny: FORBIDDEN; region: allowed inside the operator's region, FORBIDDEN outside. */
type Access = 'allow' | 'deny' | 'region';

const OPERATOR_REGION = '75.02';
const INSIDE = '"75.02"';
const OUTSIDE = '"75.01"';

interface CallCtx {
  role: RoleName;
  inside: boolean;
  n: number;
}
interface Policy {
  /** In ROLES order: ADMIN, OPERATOR, ANALYST, VIEWER. */
  access: [Access, Access, Access, Access];
  /** Argument literals (GraphQL text) for a call; required ones not given are generated. */
  args?: (c: CallCtx) => Record<string, string>;
  /** Codes an allowed call may still answer with these minimal arguments (never FORBIDDEN/UNAUTHENTICATED). */
  okCodes?: string[];
}

const ALL: Policy['access'] = ['allow', 'allow', 'allow', 'allow'];
const ADMIN_ONLY: Policy['access'] = ['allow', 'deny', 'deny', 'deny'];
const NOT_VIEWER: Policy['access'] = ['allow', 'allow', 'allow', 'deny'];
const WRITERS: Policy['access'] = ['allow', 'region', 'deny', 'deny'];

const within = (c: CallCtx) => (c.inside ? INSIDE : OUTSIDE);
const budgetArgs = () => ({ year: '2025', level: 'REGENCY', within: '"75"' });
const regionLevelArgs = () => ({ level: 'REGENCY', within: '"75"' });
const page = () => ({ within: '"75"', first: '5' });

/**
 * Seeded families (see beforeAll): INSIDE_KK[i] in a desa of 75.02 (the operator's region),
 * OUTSIDE_KK[i] in a desa of 75.01. Fixture ids are made by ADMIN before the matrix runs.
 */
const INSIDE_KK = Array.from({ length: 8 }, (_, i) => `75020101012000${String(i).padStart(2, '0')}`);
const OUTSIDE_KK = Array.from({ length: 5 }, (_, i) => `75010101012000${String(i).padStart(2, '0')}`);
const nikOf = (kk: string, member: number) => `${kk.slice(0, 6)}120485${kk.slice(-2)}0${member}`.padEnd(16, '0');
const fx = { usulan: {} as Record<string, string>, pengaduan: {} as Record<string, string> };
/** Per role and side, which fixture a status change uses (ADMIN: inside; OPERATOR: inside and outside). */
const fxKey = (c: CallCtx) => (c.role === 'OPERATOR' ? (c.inside ? 'op-in' : 'op-out') : 'admin');

/** The declared policy of every root field (contract §5). Entries for fields not in the schema are ignored until they land. */
const POLICY: Record<string, Policy> = {
  // --- Query: who is logged in, users, audit
  'Query.me': { access: ALL },
  'Query.users': { access: ADMIN_ONLY },
  'Query.auditLog': { access: ADMIN_ONLY, args: () => ({ first: '1' }) },
  // --- Query: regions and aggregates (every role, VIEWER included)
  'Query.regions': { access: ALL, args: () => ({ level: 'PROVINCE' }) },
  'Query.programs': { access: ALL },
  'Query.coverage': { access: ALL, args: regionLevelArgs },
  'Query.dataQuality': { access: ALL, args: regionLevelArgs },
  'Query.civilRegistryRisk': { access: ALL, args: regionLevelArgs },
  'Query.duplicateThreshold': { access: ALL },
  'Query.exclusiveProgramPairs': { access: ALL },
  'Query.budgetRealisation': { access: ALL, args: budgetArgs },
  'Query.budgetByStage': { access: ALL, args: () => ({ year: '2025', within: '"75"' }) },
  'Query.largestOutstanding': { access: ALL, args: budgetArgs },
  'Query.disbursementTimeline': { access: ALL, args: () => ({ year: '2025', within: '"75"' }) },
  'Query.budgetCost': { access: ALL, args: budgetArgs },
  'Query.rakorevSnapshots': { access: ALL, args: () => ({ year: '2025' }) },
  'Query.rakorevSnapshot': { access: ALL, args: () => ({ id: '"999999"' }) },
  'Query.compareRakorevSnapshots': { access: ALL, args: () => ({ a: '"999998"', b: '"999999"' }), okCodes: ['BAD_USER_INPUT'] },
  'Query.usulanSummary': { access: ALL, args: regionLevelArgs },
  'Query.verivaliProgress': { access: ALL, args: regionLevelArgs },
  'Query.pengaduanSummary': { access: ALL, args: regionLevelArgs },
  'Query.revalidationFunnel': { access: ALL, args: () => ({ within: '"75"', year: '2025', program: '"PKH"' }), okCodes: ['BAD_USER_INPUT'] },
  // --- Query: household-level (personal) data: not VIEWER
  'Query.households': { access: NOT_VIEWER, args: page },
  'Query.possibleDuplicates': { access: NOT_VIEWER, args: page },
  'Query.exclusiveProgramViolations': { access: NOT_VIEWER, args: page },
  'Query.usulanList': { access: NOT_VIEWER, args: page },
  'Query.usulan': { access: NOT_VIEWER, args: () => ({ id: `"${fx.usulan.admin}"` }) },
  'Query.verivaliFlags': { access: NOT_VIEWER, args: page },
  'Query.pengaduanList': { access: NOT_VIEWER, args: page },
  'Query.pengaduan': { access: NOT_VIEWER, args: () => ({ id: `"${fx.pengaduan.admin}"` }) },
  // --- Mutation: one's own account
  'Mutation.changePassword': {
    access: ALL,
    // A wrong current password: proves the role may call it without revoking the matrix's tokens.
    args: () => ({ oldPassword: '"not-the-password"', newPassword: '"another-pass-1"' }),
    okCodes: ['BAD_USER_INPUT'],
  },
  // --- Mutation: administration (ADMIN only)
  'Mutation.createUser': { access: ADMIN_ONLY, args: (c) => ({ username: `"mx-${c.role.toLowerCase()}-${c.n}"`, password: '"matrix-pass-1"', role: 'VIEWER' }) },
  'Mutation.updateUser': { access: ADMIN_ONLY, args: () => ({ username: '"m-target"', role: 'VIEWER' }) },
  'Mutation.disableUser': { access: ADMIN_ONLY, args: () => ({ username: '"m-target"' }) },
  'Mutation.enableUser': { access: ADMIN_ONLY, args: () => ({ username: '"m-target"' }) },
  'Mutation.resetPassword': { access: ADMIN_ONLY, args: () => ({ username: '"m-target"', newPassword: '"matrix-reset-1"' }) },
  'Mutation.setDuplicateThreshold': { access: ADMIN_ONLY, args: () => ({ value: '0.85' }) },
  'Mutation.addExclusiveProgramPair': { access: ADMIN_ONLY, args: () => ({ programA: '"PKH"', programB: '"BPNT"' }), okCodes: ['BAD_USER_INPUT'] },
  'Mutation.removeExclusiveProgramPair': { access: ADMIN_ONLY, args: () => ({ id: '999999' }) },
  // --- Mutation: writes — ADMIN anywhere, OPERATOR inside their region only, ANALYST and VIEWER never
  'Mutation.createRakorevSnapshot': { access: WRITERS, args: (c) => ({ title: '"matrix"', year: '2025', within: within(c) }) },
  'Mutation.reviewDuplicatePair': {
    access: WRITERS,
    args: (c) => {
      const kk = c.inside ? INSIDE_KK[0] : OUTSIDE_KK[0];
      return { nikA: `"${nikOf(kk, 1)}"`, nikB: `"${nikOf(kk, 2)}"`, verdict: 'DIFFERENT' };
    },
  },
  'Mutation.proposeUsulan': {
    access: WRITERS,
    args: (c) => ({ input: `{ noKk: "${c.inside ? INSIDE_KK[c.role === 'OPERATOR' ? 6 : 5] : OUTSIDE_KK[3]}", kind: ADDITION }` }),
  },
  'Mutation.proposeUsulanBatch': { access: WRITERS, args: (c) => ({ within: within(c), kind: 'ADDITION', batch: `"m-auto-${c.n}"` }), okCodes: ['BAD_USER_INPUT'] },
  'Mutation.setUsulanStatus': { access: WRITERS, args: (c) => ({ ids: `["${fx.usulan[fxKey(c)]}"]`, status: 'DIVERIFIKASI' }) },
  'Mutation.setUsulanBatchStatus': { access: WRITERS, args: (c) => ({ batch: `"m-batch-${fxKey(c)}"`, status: 'DIVERIFIKASI' }) },
  'Mutation.createPengaduan': {
    access: WRITERS,
    args: (c) => ({ input: `{ category: ${enumFirst('PengaduanCategory')}, channel: ${enumFirst('PengaduanChannel')}, description: "matrix", noKk: "${c.inside ? INSIDE_KK[7] : OUTSIDE_KK[4]}" }` }),
  },
  'Mutation.setPengaduanStatus': { access: WRITERS, args: (c) => ({ id: `"${fx.pengaduan[fxKey(c)]}"`, status: 'DIPROSES' }) },
};

function enumFirst(name: string): string {
  const t = schema.getType(name) as { getValues?: () => { name: string }[] } | undefined;
  return t?.getValues?.()[0]?.name ?? 'X';
}

/** API routes (plain paths or regular expressions); /healthz, /graphql and the built client are not. */
const isApiRoute = (path: string) => path.startsWith('/api/') || path === '/api' || path.includes('\\/api\\/');

interface HttpPolicy {
  access: [Access, Access, Access, Access];
  /** A concrete URL for the route (path parameters filled in). */
  url: string;
  /** The answer is text that may carry NIKs: it joins the per-role personal-data check. */
  scan?: boolean;
}
/** Every HTTP API route ("METHOD path-or-regexp" as registered) and who may use it. */
const HTTP_POLICY: Record<string, HttpPolicy> = {
  'POST /api/imports/:kind': { access: ['allow', 'allow', 'deny', 'deny'], url: '/api/imports/households' },
  'GET /api/imports': { access: ['allow', 'allow', 'deny', 'deny'], url: '/api/imports' },
  'GET /api/imports/:id': { access: ['allow', 'allow', 'deny', 'deny'], url: '/api/imports/999999' },
  'GET /^\\/api\\/exports\\/households\\.(csv|xlsx)$/': { access: NOT_VIEWER, url: '/api/exports/households.csv?within=75', scan: true },
  'GET /^\\/api\\/exports\\/usulan\\.(csv|xlsx)$/': { access: NOT_VIEWER, url: '/api/exports/usulan.csv?batch=m-batch-admin', scan: true },
};

let db: Database;
let app: TestApp;
const tokens = {} as Record<RoleName, string>;
let counter = 0;

async function makeUser(username: string, role: RoleName, regionCode: string | null) {
  const r = await app.gql(
    `mutation($u:String!,$r:Role!,$c:String){ createUser(username:$u,password:"matrix-pass-1",role:$r,regionCode:$c){ username } }`,
    { u: username, r: role, c: regionCode },
    tokens.ADMIN,
  );
  expect(r.errors).toBeUndefined();
  return app.login(username, 'matrix-pass-1');
}

const FIRST_NAMES = ['AMINAH', 'BUDI', 'CITRA', 'DEDI', 'EKA', 'FAJAR', 'GITA', 'HADI'];
/** Every family's numbers and names, by side: what the personal-data check looks for. */
const seeded = { inside: { numbers: [] as string[], names: [] as string[] }, outside: { numbers: [] as string[], names: [] as string[] } };

async function seedFamilies() {
  for (const [side, kab, list] of [
    ['inside', '7502', INSIDE_KK],
    ['outside', '7501', OUTSIDE_KK],
  ] as const) {
    const [desa] = await sql<{ code: string }>(`select code from region where level = 4 and code like ? order by code limit 1`, [`${kab}%`]);
    for (const [i, kk] of list.entries()) {
      // dtks = N, so each family may be proposed for addition to DTKS.
      await sql(`insert into household (no_kk, desa_code, kab_code, dtks, head_nik) values (?, ?, ?, false, ?)`, [kk, desa.code, kab, nikOf(kk, 1)]);
      seeded[side].numbers.push(kk);
      for (const m of [1, 2]) {
        const name = `${FIRST_NAMES[i % 8]} ${side === 'inside' ? 'DALAM' : 'LUAR'} ${m === 1 ? 'SUKARNO' : 'LESTARI'}`;
        await sql(`insert into person (nik, no_kk, name, name_norm, sex, birth_date, relation, nik_valid, kab_code) values (?, ?, ?, lower(?), ?, '1985-04-12', ?, true, ?)`, [
          nikOf(kk, m),
          kk,
          name,
          name,
          m === 1 ? 'L' : 'P',
          m === 1 ? 'KEPALA KELUARGA' : 'ISTRI',
          kab,
        ]);
        seeded[side].numbers.push(nikOf(kk, m));
        seeded[side].names.push(name);
      }
    }
  }
}

/** Usulan and pengaduan made by ADMIN, for the status changes of the matrix. */
async function makeWorkflowFixtures() {
  const has = (name: string) => rootFields(schema, 'Mutation').some((f) => f.name === name);
  if (has('proposeUsulan')) {
    const propose = async (kk: string, batch: string) => {
      const r = await app.gql<{ proposeUsulan: { id: string } }>(
        `mutation($kk:String!,$b:String){ proposeUsulan(input: { noKk: $kk, kind: ADDITION, batch: $b }) { id } }`,
        { kk, b: batch },
        tokens.ADMIN,
      );
      expect(r.errors, `proposeUsulan ${kk}`).toBeUndefined();
      return r.data!.proposeUsulan.id;
    };
    fx.usulan.admin = await propose(INSIDE_KK[1], 'm-single-admin');
    fx.usulan['op-in'] = await propose(INSIDE_KK[2], 'm-single-op-in');
    fx.usulan['op-out'] = await propose(OUTSIDE_KK[1], 'm-single-op-out');
    await propose(INSIDE_KK[3], 'm-batch-admin');
    await propose(INSIDE_KK[4], 'm-batch-op-in');
    await propose(OUTSIDE_KK[2], 'm-batch-op-out');
  }
  if (has('createPengaduan')) {
    for (const [key, kk] of [
      ['admin', INSIDE_KK[7]],
      ['op-in', INSIDE_KK[7]],
      ['op-out', OUTSIDE_KK[4]],
    ] as const) {
      const r = await app.gql<{ createPengaduan: { id: string } }>(
        `mutation($kk:String!){ createPengaduan(input: { category: ${enumFirst('PengaduanCategory')}, channel: ${enumFirst('PengaduanChannel')}, description: "fixture", noKk: $kk }) { id } }`,
        { kk },
        tokens.ADMIN,
      );
      expect(r.errors, `createPengaduan ${kk}`).toBeUndefined();
      fx.pengaduan[key] = r.data!.createPengaduan.id;
    }
  }
}

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  tokens.ADMIN = await app.login();
  tokens.OPERATOR = await makeUser('m-operator', 'OPERATOR', OPERATOR_REGION);
  tokens.ANALYST = await makeUser('m-analyst', 'ANALYST', null);
  tokens.VIEWER = await makeUser('m-viewer', 'VIEWER', null);
  await makeUser('m-target', 'ANALYST', null);
  await seedFamilies();
  await makeWorkflowFixtures();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(text, params);

function operation(kind: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>, c: CallCtx): string {
  const args = POLICY[`${kind}.${field.name}`]?.args?.(c) ?? {};
  const op = kind === 'Query' ? 'query' : 'mutation';
  return `${op} { ${field.name}${argsText(field, args)} ${minimalSelection(field)} }`;
}

const fieldsOf = (kind: 'Query' | 'Mutation') => rootFields(schema, kind).map((f) => ({ kind, field: f, key: `${kind}.${f.name}` }));
const ALL_FIELDS = [...fieldsOf('Query'), ...fieldsOf('Mutation')];

describe(`access is enforced in one place (${backend})`, () => {
  it('every Query and Mutation field has an entry in the access policy of this test', () => {
    const missing = ALL_FIELDS.filter((f) => !PUBLIC_ROOT_FIELDS.has(f.key) && !POLICY[f.key]).map((f) => f.key);
    expect(missing, 'add these fields to POLICY in tests/server/security.db.test.ts').toEqual([]);
  });

  it('every Query and Mutation field except login carries @Authorized (on its method or its resolver class)', () => {
    const storage = getMetadataStorage();
    const open = [...storage.queries.map((q) => ({ q, kind: 'Query' })), ...storage.mutations.map((q) => ({ q, kind: 'Mutation' }))]
      .filter(({ q, kind }) => !PUBLIC_ROOT_FIELDS.has(`${kind}.${q.schemaName}`))
      .filter(
        ({ q }) =>
          !storage.authorizedFields.some((a) => a.target === q.target && a.fieldName === q.methodName) &&
          !storage.authorizedResolver.some((a) => a.target === q.target),
      )
      .map(({ q, kind }) => `${kind}.${q.schemaName}`);
    expect(open).toEqual([]);
  });

  it('every Query and Mutation field except login refuses a call without a token, and with a bad one', async () => {
    const notRefused: string[] = [];
    for (const { kind, field, key } of ALL_FIELDS) {
      if (PUBLIC_ROOT_FIELDS.has(key)) continue;
      const text = operation(kind, field, { role: 'ADMIN', inside: true, n: counter++ });
      for (const token of [undefined, 'bad.token.value']) {
        const r = await app.gql(text, {}, token);
        if (r.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED' || (r.data && r.data[field.name] != null)) {
          notRefused.push(`${key} (${token ? 'bad token' : 'no token'}): ${JSON.stringify(r).slice(0, 200)}`);
        }
      }
    }
    expect(notRefused).toEqual([]);
    expect(await sql(`select 1 from app_user where username like 'mx-%'`)).toEqual([]);
  });

  it('login is the one open operation', async () => {
    expect(PUBLIC_ROOT_FIELDS).toEqual(new Set(['Mutation.login']));
    const r = await app.gql<{ login: { user: { role: string } } }>(`mutation { login(username: "m-viewer", password: "matrix-pass-1") { user { role } } }`);
    expect(r.data?.login.user.role).toBe('VIEWER');
  });
});

describe(`role matrix: every role × every field (${backend})`, () => {
  for (const { kind, field, key } of ALL_FIELDS) {
    if (PUBLIC_ROOT_FIELDS.has(key)) continue;
    it(`${key}`, async () => {
      const policy = POLICY[key];
      expect(policy, `no policy for ${key}`).toBeDefined();
      const wrong: string[] = [];
      for (const [i, role] of ROLES.entries()) {
        const access = policy.access[i];
        const cases: { inside: boolean; expect: 'allow' | 'deny' }[] =
          access === 'region'
            ? [
                { inside: true, expect: 'allow' },
                { inside: false, expect: 'deny' },
              ]
            : [{ inside: true, expect: access }];
        for (const c of cases) {
          const text = operation(kind, field, { role, inside: c.inside, n: counter++ });
          const r = await app.gql(text, {}, tokens[role]);
          const code = r.errors?.[0]?.extensions?.code;
          const ok =
            c.expect === 'deny'
              ? code === 'FORBIDDEN' && (r.data == null || r.data[field.name] == null)
              : r.errors === undefined || (code !== undefined && (policy.okCodes ?? []).includes(code));
          if (!ok) wrong.push(`${role}${access === 'region' ? (c.inside ? ' inside' : ' outside') : ''}: expected ${c.expect}, got ${JSON.stringify(r).slice(0, 300)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('an OPERATOR’s region write outside the region names both regions', async () => {
    const f = rootFields(schema, 'Mutation').find((x) => x.name === 'createRakorevSnapshot');
    if (!f) return;
    const r = await app.gql(operation('Mutation', f, { role: 'OPERATOR', inside: false, n: counter++ }), {}, tokens.OPERATOR);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(r.errors?.[0].message).toMatch(/75\.01/);
    expect(r.errors?.[0].message).toMatch(/75\.02/);
  });
});

describe(`personal data: NIKs and names per role (${backend})`, () => {
  /** Every Query field with every sub-field (boundaries left out), over Gorontalo, and every text export, as this role. */
  async function everythingAs(role: RoleName): Promise<string> {
    const parts: string[] = [];
    for (const field of rootFields(schema, 'Query')) {
      const overrides: Record<string, string> = { level: 'DISTRICT', first: '100', year: '2025' };
      if (field.args.some((a) => a.name === 'within')) overrides.within = '"75"';
      if (field.name === 'usulan') overrides.id = `"${fx.usulan.admin}"`;
      if (field.name === 'pengaduan') overrides.id = `"${fx.pengaduan['op-out']}"`;
      const sel = fullSelection(schema, getNamedType(field.type), { omit: new Set(['Region.geometry']), first: 100 });
      const r = await app.gql(`{ ${field.name}${argsText(field, overrides)} ${sel} }`, {}, tokens[role]);
      const code = r.errors?.[0]?.extensions?.code;
      expect(['FORBIDDEN', 'BAD_USER_INPUT', undefined], `${field.name} as ${role}: ${JSON.stringify(r.errors)}`).toContain(code);
      parts.push(JSON.stringify(r.data ?? null));
    }
    for (const [, p] of Object.entries(HTTP_POLICY)) {
      if (!p.scan) continue;
      const res = await fetch(app.url + p.url, { headers: { authorization: `Bearer ${tokens[role]}` } });
      parts.push(await res.text());
    }
    return parts.join('\n');
  }

  it('ADMIN, OPERATOR, ANALYST and VIEWER see NIKs, No. KK and names only as their role allows, in every query and export', async () => {
    const seen = {} as Record<RoleName, string>;
    for (const r of ROLES) seen[r] = await everythingAs(r);
    const all = [...seeded.inside.numbers, ...seeded.outside.numbers];
    const leaks: string[] = [];
    const never = (role: RoleName, text: string, what: string) => seen[role].includes(text) && leaks.push(`${role} sees ${what} ${text}`);
    // Outside the operator's region a number is never shown in full to the operator; ANALYST never sees one in full.
    for (const n of seeded.outside.numbers) never('OPERATOR', n, 'full outside number');
    for (const n of all) never('ANALYST', n, 'full number');
    // VIEWER: aggregates only — no number in any form, no name.
    for (const n of all) {
      never('VIEWER', n, 'number');
      never('VIEWER', maskNikValue(n), 'masked number');
    }
    for (const name of [...seeded.inside.names, ...seeded.outside.names]) never('VIEWER', name, 'name');
    expect(leaks).toEqual([]);

    if (rootFields(schema, 'Query').some((f) => f.name === 'households')) {
      // The numbers do show up, in the right form, for those who may see them.
      const missing: string[] = [];
      const must = (role: RoleName, text: string, what: string) => !seen[role].includes(text) && missing.push(`${role} lacks ${what} ${text}`);
      for (const [i, n] of all.entries()) if (i % 3 !== 0) must('ADMIN', n, 'NIK'); // NIKs (No. KK are every third entry)
      for (const [i, n] of seeded.inside.numbers.entries()) if (i % 3 !== 0) must('OPERATOR', n, 'inside NIK');
      for (const [i, n] of seeded.outside.numbers.entries()) if (i % 3 !== 0) must('OPERATOR', maskNikValue(n), 'masked outside NIK');
      for (const [i, n] of all.entries()) if (i % 3 !== 0) must('ANALYST', maskNikValue(n), 'masked NIK');
      expect(missing).toEqual([]);
    }
  });
});

describe(`injection attempts are harmless (${backend})`, () => {
  const PAYLOADS = ["75'; drop table person; --", "' or '1'='1", '%_\\:x?$1', '7'.repeat(5000)];

  it('in every text argument of every Query field: BAD_USER_INPUT or an answer, never an internal error, and the tables stay', async () => {
    const tables = ['person', 'household', 'region', 'app_user', 'audit_log', 'payment'];
    const count = async () => Promise.all(tables.map(async (t) => (await sql<{ n: number }>(`select count(*)::int n from ${t}`))[0].n));
    const before = await count();
    const bad: string[] = [];
    let calls = 0;
    for (const field of rootFields(schema, 'Query')) {
      const base = POLICY[`Query.${field.name}`]?.args?.({ role: 'ADMIN', inside: true, n: 0 }) ?? {};
      for (const slot of textArgumentSlots(field)) {
        for (const p of PAYLOADS) {
          const text = `{ ${field.name}${argsText(field, { ...base, [slot.arg]: slot.render(p) })} ${minimalSelection(field)} }`;
          const r = await app.gql(text, {}, tokens.ADMIN);
          calls++;
          const codes = (r.errors ?? []).map((e) => e.extensions?.code);
          if (codes.some((c) => c !== 'BAD_USER_INPUT')) bad.push(`${field.name}(${slot.arg}: ${p.slice(0, 30)}): ${JSON.stringify(r.errors).slice(0, 200)}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(calls).toBeGreaterThan(100);
    const after = await count();
    // Only the audit log may grow (nothing here writes it, but be exact about the rest).
    expect(after.filter((_, i) => tables[i] !== 'audit_log')).toEqual(before.filter((_, i) => tables[i] !== 'audit_log'));
  });

  it('a filter value is data, not SQL: an injected audit filter matches nothing', async () => {
    const r = await app.gql(`{ auditLog(action: "login' or '1'='1", username: "x' or '1'='1") { totalCount edges { cursor } } }`, {}, tokens.ADMIN);
    expect(r.data).toEqual({ auditLog: { totalCount: 0, edges: [] } });
  });

  it('login and user administration treat injected text as plain text', async () => {
    const l = await app.gql(`mutation($u:String!){ login(username:$u, password:"x' or '1'='1"){ token } }`, { u: "admin' --" });
    expect(l.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const c = await app.gql(`mutation{ createUser(username:"x'; drop table app_user; --", password:"long-enough-1", role: VIEWER){ username } }`, {}, tokens.ADMIN);
    expect(c.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const u = await app.gql(`mutation{ updateUser(username:"admin' or '1'='1", role: VIEWER){ username } }`, {}, tokens.ADMIN);
    expect(u.errors?.[0].message).toBe(`username: there is no user "admin' or '1'='1".`);
    expect((await sql<{ n: number }>(`select count(*)::int n from app_user where role = 'ADMIN'`))[0].n).toBe(1);
  });

  it('a NUL character in any text argument is refused as BAD_USER_INPUT before it reaches SQL', async () => {
    const a = await app.gql(`query($a:String){ auditLog(action:$a){ totalCount } }`, { a: 'log\u0000in' }, tokens.ADMIN);
    expect(a.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const b = await app.gql(`{ regions(level: PROVINCE, within: "7\\u00005") { code } }`, {}, tokens.ADMIN);
    expect(b.errors?.[0]).toMatchObject({ message: 'Text arguments may not contain the NUL character (\\u0000).', extensions: { code: 'BAD_USER_INPUT' } });
    const l = await app.gql(`mutation($u:String!){ login(username:$u, password:"whatever-1"){ token } }`, { u: 'ad\u0000min' });
    expect(l.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe(`HTTP hardening (${backend})`, () => {
  const post = (body: string, headers: Record<string, string>) => fetch(`${app.url}/graphql`, { method: 'POST', headers, body });

  it('Apollo’s CSRF prevention refuses requests a browser could send cross-site without a preflight', async () => {
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ me { username } }')}`, { headers: { authorization: `Bearer ${tokens.ADMIN}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const form = await post(`query=${encodeURIComponent('mutation { createUser(username:"csrf", password:"csrf-pass-1", role: ADMIN) { username } }')}`, {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Bearer ${tokens.ADMIN}`,
    });
    expect(form.status).toBe(400);
    const plain = await post(JSON.stringify({ query: '{ me { username } }' }), { 'content-type': 'text/plain', authorization: `Bearer ${tokens.ADMIN}` });
    expect(plain.status).toBe(400);
    expect(await sql(`select 1 from app_user where username = 'csrf'`)).toEqual([]);
    // The same query as JSON (which browsers preflight) works.
    const json = await post(JSON.stringify({ query: '{ me { username } }' }), { 'content-type': 'application/json', authorization: `Bearer ${tokens.ADMIN}` });
    expect(json.status).toBe(200);
  });

  it('sends security headers; the CSP allows only the portal itself and blob: workers, no eval, on every page', async () => {
    const res = await fetch(`${app.url}/healthz`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toMatch(/https?:\/\//); // no remote origin anywhere
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
    // With a built client: GraphiQL's page and the map's page get the same strict policy.
    const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bansos-client-'));
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
    const built = await createApp({ orm: db.orm, config: { ...loadConfig({}), jwtSecret: 'test-secret' }, clientDir });
    const server = http.createServer(built.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const gi = await fetch(`${base}/graphiql`);
      expect(gi.status).toBe(200);
      expect(gi.headers.get('content-security-policy')).toBe(csp);
      const map = await fetch(`${base}/peta/75`);
      expect(map.status).toBe(200);
      expect(map.headers.get('content-security-policy')).toBe(csp);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      await built.stop();
      fs.rmSync(clientDir, { recursive: true, force: true });
    }
  });

  it('an internal error reaches the caller as a generic message with a reference, no stack and no SQL', async () => {
    await sql(`alter table audit_log rename to audit_log_hidden`);
    let r;
    try {
      r = await app.gql(`{ auditLog { totalCount } }`, {}, tokens.ADMIN);
    } finally {
      await sql(`alter table audit_log_hidden rename to audit_log`);
    }
    expect(r.data).toBeNull();
    const e = r.errors![0];
    expect(e.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(e.message).toMatch(/^Internal server error \(reference [0-9a-f]{8}\); the details are in the server log\.$/);
    expect(e.extensions?.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(r)).not.toMatch(/audit_log|select|stack|\.ts:/i);
  });

  it('bodies over the limit and broken JSON get a JSON error without a stack; unknown API paths a JSON 404', async () => {
    const big = await post(JSON.stringify({ query: '{ me { username } }', variables: { pad: 'x'.repeat(1_100_000) } }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'The request body is larger than the limit of 1048576 bytes.', code: 'PAYLOAD_TOO_LARGE' });
    const broken = await post('{"query": ', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(JSON.parse(text)).toEqual({ error: 'The request body is not valid JSON.', code: 'BAD_REQUEST' });
    const missing = await fetch(`${app.url}/api/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'There is no GET /api/no-such-thing.', code: 'NOT_FOUND' });
  });

  it('refuses a query over the cost limit before it runs, saying the cost and the limit', async () => {
    const one = 'regions(level: VILLAGE) { code geometry }';
    const res = await post(JSON.stringify({ query: `{ a: ${one} b: ${one} c: ${one} }` }), {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens.ADMIN}`,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 1_260_000, limit: MAX_QUERY_COST });
    expect(body.errors[0].message).toMatch(/estimated cost of 1,260,000; the limit is 1,000,000/);
  });

  it('refuses an oversized document at parse time', async () => {
    const r = await app.gql(`{ ${Array.from({ length: 6000 }, (_, i) => `a${i}: __typename`).join(' ')} }`, {}, tokens.ADMIN);
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.errors?.[0].message).toMatch(/Document contains more tha[nt] 15000 tokens/);
  });
});

/** Routes of an express app, with their mount prefixes (express 5 / router 2). */
function listRoutes(app: Express): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; rawPath?: unknown };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) out.push({ method: m.toUpperCase(), path: prefix + String(layer.route.path) });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

describe(`HTTP API routes: every role × every route (${backend})`, () => {
  let routes: { method: string; path: string }[] = [];
  beforeAll(async () => {
    const built = await createApp({ orm: db.orm, config: { ...loadConfig({}), jwtSecret: 'test-secret' } });
    routes = listRoutes(built.app).filter((r) => isApiRoute(r.path));
    await built.stop();
  });

  it('finds the app’s routes, and every API route has a policy entry', () => {
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !HTTP_POLICY[k]);
    expect(missing, 'add these routes to HTTP_POLICY in tests/server/security.db.test.ts').toEqual([]);
  });

  it('every API route answers 401 without or with a bad token, 403 to a role it does not serve, and lets the others through', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      const p = HTTP_POLICY[key];
      if (!p) continue;
      const call = (token?: string) =>
        fetch(app.url + p.url, { method: r.method, headers: token ? { authorization: `Bearer ${token}` } : {} });
      for (const token of [undefined, 'bad.token.value']) {
        const res = await call(token);
        const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
        if (res.status !== 401 || typeof body?.error !== 'string') wrong.push(`${key} ${token ? 'bad token' : 'no token'}: ${res.status}`);
      }
      for (const [i, role] of ROLES.entries()) {
        const res = await call(tokens[role]);
        await res.body?.cancel();
        const denied = res.status === 401 || res.status === 403;
        if ((p.access[i] === 'deny') !== denied || (p.access[i] === 'deny' && res.status !== 403) || res.status >= 500) {
          wrong.push(`${key} ${role}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe(`HTTP import: an operator's rows outside the region are refused per row (${backend})`, () => {
  it('lands the rows inside 75.02 and rejects the one in 75.01 with a message naming it', async () => {
    const [inDesa] = await sql<{ code: string }>(`select code from region where level = 4 and code like '7502%' order by code desc limit 1`);
    const [outDesa] = await sql<{ code: string }>(`select code from region where level = 4 and code like '7501%' order by code desc limit 1`);
    const csv = [
      'no_kk,nik,nama,kode_desa,jenis_kelamin,tanggal_lahir,hubungan,dtks',
      `7502019999000001,7502014101900001,SRI IMPOR DALAM,${inDesa.code},P,1990-01-01,KEPALA KELUARGA,Y`,
      `7501019999000002,7501014101900002,ANI IMPOR LUAR,${outDesa.code},P,1990-01-01,KEPALA KELUARGA,Y`,
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'keluarga.csv');
    const res = await fetch(`${app.url}/api/imports/households`, { method: 'POST', headers: { authorization: `Bearer ${tokens.OPERATOR}` }, body: form });
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    expect(await sql(`select no_kk from household where no_kk = '7502019999000001'`)).toHaveLength(1);
    expect(await sql(`select no_kk from household where no_kk = '7501019999000002'`)).toEqual([]);
    expect(text).toMatch(/75\.01|7501/);
    // The same file as ANALYST is refused outright.
    const form2 = new FormData();
    form2.append('file', new Blob([csv], { type: 'text/csv' }), 'keluarga.csv');
    const analyst = await fetch(`${app.url}/api/imports/households`, { method: 'POST', headers: { authorization: `Bearer ${tokens.ANALYST}` }, body: form2 });
    expect(analyst.status).toBe(403);
  });
});
