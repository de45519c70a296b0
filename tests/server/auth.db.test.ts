import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, backend } from '../setup/test-db';
import { startTestApp, ADMIN_PASSWORD, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';
import { loadConfig } from '../../server/src/config';
import { requireAuth, requestUser } from '../../server/src/modules/auth/http-auth';
import { Role } from '../../server/src/modules/auth/user.entity';
import { LOGIN_LIMITS } from '../../server/src/modules/auth/login-limit';
import { audit } from '../../server/src/modules/audit/audit.service';

let db: Database;
let app: TestApp;
let admin: string;
const SECRET = new TextEncoder().encode('test-secret'); // the test app's JWT_SECRET

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(text, params);

async function createUser(username: string, role: Role, regionCode: string | null = null, password = `${username}-pass-1`) {
  const r = await app.gql(
    `mutation($u:String!,$p:String!,$r:Role!,$c:String){ createUser(username:$u,password:$p,role:$r,regionCode:$c){ username } }`,
    { u: username, p: password, r: role, c: regionCode },
    admin,
  );
  expect(r.errors).toBeUndefined();
  return password;
}

const loginRaw = (username: string, password: string, a: TestApp = app) =>
  a.gql<{ login: { token: string } }>(`mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }`, { u: username, p: password });

const me = (token: string) => app.gql<{ me: { username: string; role: string; regionCode: string | null } }>(`{ me { username role regionCode } }`, {}, token);

beforeAll(async () => {
  db = await openTestDb();
  app = await startTestApp(db);
  admin = await app.login();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});
// Every test starts with a clean throttle (all requests of a test come from 127.0.0.1).
beforeEach(async () => {
  await sql(`delete from login_attempt`);
});

describe(`login and tokens (${backend})`, () => {
  it('logs in, records the login with the address, and says who is logged in', async () => {
    await createUser('ana', Role.ANALYST);
    const r = await loginRaw('ana', 'ana-pass-1');
    expect(r.errors).toBeUndefined();
    expect((await me(r.data!.login.token)).data!.me).toEqual({ username: 'ana', role: 'ANALYST', regionCode: null });
    const rows = await sql<{ action: string; detail: { ip: string } }>(`select action, detail from audit_log where username = 'ana' and action = 'login'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail.ip).toMatch(/127\.0\.0\.1/);
    const [u] = await sql<{ last_login_at: Date | null }>(`select last_login_at from app_user where username = 'ana'`);
    expect(u.last_login_at).not.toBeNull();
  });

  it('answers an unknown user and a wrong password alike, counting down the attempts', async () => {
    const a = await loginRaw('nobody-here', 'whatever-1');
    const b = await loginRaw('admin', 'wrong-password');
    for (const r of [a, b]) {
      expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.errors?.[0].message).toBe('Wrong username or password (4 more attempts before logins pause for 15 minutes).');
    }
    const failed = await sql<{ username: string; reason: string }>(
      `select username, detail->>'reason' as reason from audit_log where action = 'login_failed' order by id`,
    );
    expect(failed.slice(-2)).toEqual([
      { username: 'nobody-here', reason: 'unknown user' },
      { username: 'admin', reason: 'wrong password' },
    ]);
  });

  it(`pauses a username after ${LOGIN_LIMITS.perUsername} failures in 15 minutes, even for the right password, then lets it in again`, async () => {
    const pass = await createUser('op-throttle', Role.VIEWER);
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) {
      expect((await loginRaw('op-throttle', `bad-${i}-password`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await loginRaw('op-throttle', pass);
    expect(blocked.data).toBeNull();
    const err = blocked.errors![0];
    expect(err.extensions?.code).toBe('RATE_LIMITED');
    expect(err.message).toMatch(/^Too many failed logins for this username \(5 in 15 minutes\): try again in 15 minutes \(\d+ s\)\.$/);
    const retry = err.extensions!.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(880);
    expect(retry).toBeLessThanOrEqual(900);
    expect(Date.parse(err.extensions!.retryAt as string)).toBeGreaterThan(Date.now() + 870_000);
    // Case does not get around it.
    expect((await loginRaw('OP-THROTTLE', pass)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // Another user from the same address is not affected (5 < 20).
    expect((await loginRaw('admin', ADMIN_PASSWORD)).errors).toBeUndefined();
    expect(await sql(`select 1 from audit_log where action = 'login_blocked' and username = 'op-throttle'`)).toHaveLength(1);

    // Fourteen minutes later the pause still holds; sixteen minutes later it is over.
    await sql(`update login_attempt set at = at - interval '14 minutes' where lower(username) = 'op-throttle'`);
    const stillBlocked = await loginRaw('op-throttle', pass);
    expect(stillBlocked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(stillBlocked.errors?.[0].extensions?.retryAfterSeconds as number).toBeLessThanOrEqual(60);
    await sql(`update login_attempt set at = at - interval '2 minutes' where lower(username) = 'op-throttle'`);
    expect((await loginRaw('op-throttle', pass)).errors).toBeUndefined();
  });

  it('a successful login forgets the earlier failures of that username', async () => {
    const pass = await createUser('forgetful', Role.VIEWER);
    for (let i = 0; i < 4; i++) await loginRaw('forgetful', 'bad-password');
    expect((await loginRaw('forgetful', pass)).errors).toBeUndefined();
    for (let i = 0; i < 4; i++) await loginRaw('forgetful', 'bad-password');
    expect((await loginRaw('forgetful', pass)).errors).toBeUndefined();
  });

  it(`pauses an address after ${LOGIN_LIMITS.perIp} failures across usernames, in every process on the database`, async () => {
    const second = await startTestApp(db); // another portal process on the same database
    try {
      for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
        // 4 usernames × 5 would block the usernames too; 20 different usernames block only the address.
        const r = await loginRaw(`spray-${i}`, 'guess-password', i % 2 ? app : second);
        expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
      for (const a of [app, second]) {
        const r = await loginRaw('admin', ADMIN_PASSWORD, a);
        expect(r.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
        expect(r.errors?.[0].message).toMatch(/from this address \(20 in 15 minutes\)/);
      }
    } finally {
      await second.close();
    }
  });

  it('allows one login per request, so aliases cannot try many passwords at once', async () => {
    // (A failed login already ends a mutation request: login is non-null. After a success, the rest is refused untried.)
    const r = await app.gql<{ a: { token: string } | null; b: { token: string } | null }>(
      `mutation($p:String!) { a: login(username: "admin", password: $p) { token } b: login(username: "admin", password: "guess-two-2") { token } }`,
      { p: ADMIN_PASSWORD },
    );
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]).toMatchObject({ message: 'login may be called once per request.', path: ['b'] });
    expect(await sql(`select 1 from login_attempt where outcome = 'failed'`)).toEqual([]);
  });

  it('refuses an expired token, a forged one, an unsigned one and a malformed header, each with a reason', async () => {
    const [u] = await sql<{ id: number }>(`select id from app_user where username = 'admin'`);
    const claims = { role: 'ADMIN', region: null, uid: u.id, tv: 0 };
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(SECRET);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret'));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    const noExpiry = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('admin').sign(SECRET);
    const ghost = await new SignJWT({ ...claims, uid: 999 }).setProtectedHeader({ alg: 'HS256' }).setSubject('ghost').setExpirationTime('1h').sign(SECRET);

    const cases: [string, RegExp][] = [
      [expired, /token has expired/],
      [forged, /token is not valid/],
      [unsigned, /token is not valid/],
      [noExpiry, /token is not valid/],
      [ghost, /no longer exists or is disabled/],
    ];
    for (const [token, message] of cases) {
      const r = await me(token);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.errors?.[0].message).toMatch(message);
    }
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${admin}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toBe('The Authorization header must be "Bearer <token>".');
  });
});

describe(`accounts (${backend})`, () => {
  it('changing one’s password revokes the older tokens and returns a working new one', async () => {
    const pass = await createUser('changer', Role.ANALYST);
    const t1 = (await loginRaw('changer', pass)).data!.login.token;
    const t2 = (await loginRaw('changer', pass)).data!.login.token;
    const wrong = await app.gql(`mutation{ changePassword(oldPassword:"nope-nope", newPassword:"new-pass-123"){ token } }`, {}, t1);
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toBe('oldPassword: the current password is wrong.');
    const short = await app.gql(`mutation($o:String!){ changePassword(oldPassword:$o, newPassword:"short"){ token } }`, { o: pass }, t1);
    expect(short.errors?.[0].message).toBe('newPassword: The password must have at least 8 characters.');

    const ok = await app.gql<{ changePassword: { token: string; user: { username: string } } }>(
      `mutation($o:String!){ changePassword(oldPassword:$o, newPassword:"new-pass-123"){ token user { username } } }`,
      { o: pass },
      t1,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.changePassword.user.username).toBe('changer');
    for (const old of [t1, t2]) expect((await me(old)).errors?.[0].message).toMatch(/token was revoked/);
    expect((await me(ok.data!.changePassword.token)).data!.me.username).toBe('changer');
    expect((await loginRaw('changer', pass)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await loginRaw('changer', 'new-pass-123')).errors).toBeUndefined();
    expect(await sql(`select 1 from audit_log where action = 'password_changed' and username = 'changer'`)).toHaveLength(1);
  });

  it('a wrong current password in changePassword counts as a failed login', async () => {
    const pass = await createUser('guesser', Role.VIEWER);
    const t = (await loginRaw('guesser', pass)).data!.login.token;
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) {
      await app.gql(`mutation{ changePassword(oldPassword:"guess-${i}-xx", newPassword:"new-pass-123"){ token } }`, {}, t);
    }
    const r = await app.gql(`mutation($o:String!){ changePassword(oldPassword:$o, newPassword:"new-pass-123"){ token } }`, { o: pass }, t);
    expect(r.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('an admin resets a password: the user’s tokens stop working, the new password works', async () => {
    const pass = await createUser('forgot', Role.VIEWER);
    const t = (await loginRaw('forgot', pass)).data!.login.token;
    const r = await app.gql(`mutation{ resetPassword(username:"forgot", newPassword:"reset-pass-1"){ username disabled } }`, {}, admin);
    expect(r.data).toEqual({ resetPassword: { username: 'forgot', disabled: false } });
    expect((await me(t)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await loginRaw('forgot', 'reset-pass-1')).errors).toBeUndefined();
    const missing = await app.gql(`mutation{ resetPassword(username:"no-such-user", newPassword:"reset-pass-1"){ username } }`, {}, admin);
    expect(missing.errors?.[0]).toMatchObject({ message: 'username: there is no user "no-such-user".', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('disabling stops the user’s tokens and logins; enabling allows new logins but not the old tokens', async () => {
    const pass = await createUser('leaver', Role.ANALYST);
    const t = (await loginRaw('leaver', pass)).data!.login.token;
    const d = await app.gql(`mutation{ disableUser(username:"leaver"){ disabled } }`, {}, admin);
    expect(d.data).toEqual({ disableUser: { disabled: true } });
    expect((await me(t)).errors?.[0].message).toBe('The account of this token no longer exists or is disabled.');
    const l = await loginRaw('leaver', pass);
    expect(l.errors?.[0].message).toBe('This account is disabled: ask an administrator.');
    const e = await app.gql(`mutation{ enableUser(username:"leaver"){ disabled } }`, {}, admin);
    expect(e.data).toEqual({ enableUser: { disabled: false } });
    expect((await me(t)).errors?.[0].message).toMatch(/token was revoked/);
    expect((await loginRaw('leaver', pass)).errors).toBeUndefined();
  });

  it('updateUser changes role and region at once for live tokens; omitted arguments stay, null clears', async () => {
    const pass = await createUser('mover', Role.OPERATOR, '75.02');
    const t = (await loginRaw('mover', pass)).data!.login.token;
    expect((await me(t)).data!.me).toEqual({ username: 'mover', role: 'OPERATOR', regionCode: '75.02' });

    const regionOnly = await app.gql(`mutation{ updateUser(username:"mover", regionCode:"7501"){ role regionCode } }`, {}, admin);
    expect(regionOnly.data).toEqual({ updateUser: { role: 'OPERATOR', regionCode: '75.01' } });
    expect((await me(t)).data!.me.regionCode).toBe('75.01');

    const roleOnly = await app.gql(`mutation{ updateUser(username:"mover", role: ANALYST){ role regionCode } }`, {}, admin);
    expect(roleOnly.data).toEqual({ updateUser: { role: 'ANALYST', regionCode: '75.01' } });
    const cleared = await app.gql(`mutation{ updateUser(username:"mover", regionCode: null){ role regionCode } }`, {}, admin);
    expect(cleared.data).toEqual({ updateUser: { role: 'ANALYST', regionCode: null } });
    expect((await me(t)).data!.me).toEqual({ username: 'mover', role: 'ANALYST', regionCode: null });

    const noRegion = await app.gql(`mutation{ updateUser(username:"mover", role: OPERATOR){ role } }`, {}, admin);
    expect(noRegion.errors?.[0]).toMatchObject({ message: 'An OPERATOR needs a regionCode (the region they may write in).', extensions: { code: 'BAD_USER_INPUT' } });
    const unknown = await app.gql(`mutation{ updateUser(username:"mover", regionCode: "99.99"){ role } }`, {}, admin);
    expect(unknown.errors?.[0].message).toBe('regionCode: region 99.99 is not known to the portal.');

    const changes = await sql<{ detail: { username: string; changes: Record<string, unknown> } }>(
      `select detail from audit_log where action = 'user_updated' and detail->>'username' = 'mover' order by id`,
    );
    expect(changes.map((c) => c.detail.changes)).toEqual([
      { regionCode: { from: '75.02', to: '75.01' } },
      { role: { from: 'OPERATOR', to: 'ANALYST' } },
      { regionCode: { from: '75.01', to: null } },
    ]);
  });

  it('never leaves the portal without an enabled ADMIN', async () => {
    const d = await app.gql(`mutation{ disableUser(username:"admin"){ disabled } }`, {}, admin);
    expect(d.errors?.[0].message).toBe('Disabling admin would leave the portal without an enabled ADMIN; make another user ADMIN first.');
    const u = await app.gql(`mutation{ updateUser(username:"admin", role: VIEWER){ role } }`, {}, admin);
    expect(u.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await createUser('second-admin', Role.ADMIN);
    const ok = await app.gql(`mutation{ updateUser(username:"second-admin", role: VIEWER){ role } }`, {}, admin);
    expect(ok.data).toEqual({ updateUser: { role: 'VIEWER' } });
  });

  it('createUser checks username, password and region', async () => {
    const bad = async (vars: Record<string, unknown>) =>
      (await app.gql(`mutation($u:String!,$p:String!,$r:Role!,$c:String){ createUser(username:$u,password:$p,role:$r,regionCode:$c){ username } }`, vars, admin))
        .errors?.[0].message;
    expect(await bad({ u: 'a b', p: 'long-enough-1', r: 'VIEWER' })).toMatch(/must be 3–64 letters/);
    expect(await bad({ u: 'samepass', p: 'SamePass', r: 'VIEWER' })).toBe('password: The password may not be the username.');
    expect(await bad({ u: 'toolong', p: 'x'.repeat(73), r: 'VIEWER' })).toBe('password: The password may have at most 72 bytes.');
    expect(await bad({ u: 'opnoregion', p: 'long-enough-1', r: 'OPERATOR' })).toBe('An OPERATOR needs a regionCode (the region they may write in).');
    expect(await bad({ u: 'admin', p: 'long-enough-1', r: 'VIEWER' })).toBe('username "admin" is taken.');
    // Nothing half-made was left behind.
    expect(await sql(`select 1 from app_user where username in ('a b','samepass','toolong','opnoregion')`)).toEqual([]);
  });

  it('lists users for the admin, without password hashes', async () => {
    const r = await app.gql<{ users: Record<string, unknown>[] }>(`{ users { username role regionCode disabled createdAt lastLoginAt } }`, {}, admin);
    expect(r.errors).toBeUndefined();
    const names = r.data!.users.map((u) => u.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['admin', 'ana', 'mover', 'leaver']));
    expect(r.data!.users.find((u) => u.username === 'mover')).toMatchObject({ role: 'ANALYST', regionCode: null, disabled: false });
    const introspect = await app.gql<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "UserAccount") { fields { name } } }`, {}, admin);
    expect(introspect.data!.__type.fields.map((f) => f.name).some((n) => /password|hash|token/i.test(n))).toBe(false);
  });
});

describe(`audit log (${backend})`, () => {
  it('records user changes and serves them to the admin newest first, filtered and paged', async () => {
    const all = await app.gql<{ auditLog: { totalCount: number } }>(`{ auditLog { totalCount } }`, {}, admin);
    const [{ n }] = await sql<{ n: number }>(`select count(*)::int n from audit_log`);
    expect(all.data!.auditLog.totalCount).toBe(n);

    const q = `query($a:String,$u:String,$f:Int,$after:String){ auditLog(action:$a, username:$u, first:$f, after:$after){
      totalCount edges { cursor node { id at username action detail } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { auditLog: { totalCount: number; edges: { cursor: string; node: { id: string; username: string; action: string; detail: Record<string, unknown> } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const created = await app.gql<Page>(q, { a: 'user_created', u: 'admin', f: 3 }, admin);
    const expected = await sql<{ id: string; name: string }>(
      `select id::text, detail->>'username' as name from audit_log where action = 'user_created' and username = 'admin' order by id desc`,
    );
    expect(expected.length).toBeGreaterThan(6);
    const page1 = created.data!.auditLog;
    expect(page1.totalCount).toBe(expected.length);
    expect(page1.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 3).map((e) => e.id));
    expect(page1.edges[0].node.detail).toMatchObject({ username: expected[0].name });
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[2].cursor });
    const page2 = (await app.gql<Page>(q, { a: 'user_created', u: 'admin', f: 3, after: page1.pageInfo.endCursor }, admin)).data!.auditLog;
    expect(page2.edges.map((e) => e.node.id)).toEqual(expected.slice(3, 6).map((e) => e.id));
    const last = (await app.gql<Page>(q, { a: 'user_created', f: 500, after: page1.pageInfo.endCursor }, admin)).data!.auditLog;
    expect(last.edges).toHaveLength(expected.length - 3);
    expect(last.pageInfo.hasNextPage).toBe(false);

    const bad = await app.gql(q, { after: 'bm90LWEtY3Vyc29y' }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await app.gql(q, { f: -1 }, admin);
    expect(negative.errors?.[0].message).toBe('first must be a whole number ≥ 0, got -1.');
  });

  it('audit() is the way in for other modules and refuses malformed action names', async () => {
    await audit(db.orm.em.fork(), { username: 'importer', action: 'export', detail: { list: 'households', niks: 12 } });
    const r = await app.gql<{ auditLog: { edges: { node: { username: string; detail: unknown } }[] } }>(
      `{ auditLog(action: "export", first: 1) { edges { node { username detail } } } }`,
      {},
      admin,
    );
    expect(r.data!.auditLog.edges).toEqual([{ node: { username: 'importer', detail: { list: 'households', niks: 12 } } }]);
    await expect(audit(db.orm.em.fork(), { username: null, action: "x'; drop table audit_log; --" })).rejects.toThrow(/snake_case/);
    // A dotted family is found by its prefix; a mere string prefix is not.
    for (const action of ['import.landed', 'import.refused', 'imports_cleaned']) await audit(db.orm.em.fork(), { username: 'importer', action });
    const family = await app.gql<{ auditLog: { totalCount: number; edges: { node: { action: string } }[] } }>(
      `{ auditLog(action: "import", username: "importer") { totalCount edges { node { action } } } }`,
      {},
      admin,
    );
    expect(family.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['import.refused', 'import.landed']);
  });
});

describe(`HTTP routes: requireAuth (${backend})`, () => {
  it('answers 401 without or with a bad token, 403 for a role outside the list, and passes the user on', async () => {
    const config = { ...loadConfig({}), jwtSecret: 'test-secret' };
    const x = express();
    x.get('/api/test-export', requireAuth(db.orm, config, [Role.ADMIN, Role.OPERATOR]), (_req, res) => {
      res.json({ user: requestUser(res).username });
    });
    const server = http.createServer(x);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/test-export`;
    try {
      const anon = await fetch(url);
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toBe('Bearer');
      expect(await anon.json()).toEqual({ error: 'Not logged in: send "Authorization: Bearer <token>" from the login mutation.', code: 'UNAUTHENTICATED' });

      const bad = await fetch(url, { headers: { authorization: 'Bearer abc.def.ghi' } });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(((await bad.json()) as { error: string }).error).toMatch(/token is not valid/);

      await createUser('http-viewer', Role.VIEWER);
      const viewer = (await loginRaw('http-viewer', 'http-viewer-pass-1')).data!.login.token;
      const forbidden = await fetch(url, { headers: { authorization: `Bearer ${viewer}` } });
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toEqual({ error: 'Role VIEWER may not do this; it needs ADMIN or OPERATOR.', code: 'FORBIDDEN' });

      const ok = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ user: 'admin' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
