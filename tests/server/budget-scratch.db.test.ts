import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDb } from '../setup/test-db';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { Database } from '../../server/src/db/database';

let db: Database; let app: TestApp; let token: string;
beforeAll(async () => {
  db = await openTestDb(); app = await startTestApp(db); token = await app.login();
  const em = db.orm.em.fork();
  await em.execute(`insert into program (code, name) values ('JPS-PROV','x'),('BST','y')`);
  await em.execute(`insert into import_batch (id, kind, file_name, content_hash, status) values (1,'budgets','b.csv',repeat('a',64),'landed')`);
  await em.execute(`insert into budget_line (program, year, stage, region_code, allocated, disbursed, import_id, line) values
   ('JPS-PROV',2020,null,'75',1000,0,1,2),
   ('JPS-PROV',2020,1,'7501',500,400,1,3),
   ('JPS-PROV',2020,3,'750101',200,50,1,4),
   ('BST',2020,3,'7501011001',100,100,1,5)`);
});
afterAll(async () => { await app?.close(); await db?.close(); });
it('scratch', async () => {
  const r = await app.gql(`{ budgetRealisation(year:2020, level: PROVINCE, within:"75") { region { code name } allocated disbursed outstanding realisationRate }
   k: budgetRealisation(year:2020, level: REGENCY, within:"75", stage: 3) { region { code } allocated disbursed outstanding realisationRate }
   s: budgetByStage(year:2020, within:"75.01") { stage allocated disbursed realisationRate }
   l: largestOutstanding(year:2020, level: DISTRICT, limit: 3) { region { code } outstanding }
  }`, {}, token);
  console.log(JSON.stringify(r, null, 1));
  const c = await app.gql(`mutation { createRakorevSnapshot(title:"T3", year:2020, quarter:3, within:"75") { id title within { code name } createdAt totals { region { code } allocated stages { stage allocated } } regencies { region { code name } allocated stages { stage allocated disbursed } coverage { households } } } }`, {}, token);
  console.log(JSON.stringify(c, null, 1).slice(0, 3000));
  const l = await app.gql(`{ rakorevSnapshots { id title year quarter within { code } coverageIncluded lastImportId regencies { region { code } allocated } } }`, {}, token);
  console.log(JSON.stringify(l).slice(0, 1500));
  await expect(db.orm.em.fork().execute(`update rakorev_snapshot set figures = '{}'`)).rejects.toThrow(/frozen/);
  const cmp = await app.gql(`{ compareRakorevSnapshots(a:"1", b:"1") { totals { region { code } allocatedChange before { allocated } } regencies { region { code } disbursedChange } } }`, {}, token);
  console.log(JSON.stringify(cmp).slice(0, 800));
  expect(r.errors).toBeUndefined();
});
