import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { StartupStatus } from './status';
import { publishCliAccess } from './modules/imports/cli-access';
import type { DemoGeneration } from './modules/generator/demo';

export interface StartupTaskDeps {
  orm: MikroORM;
  config: Config;
  status: StartupStatus;
  log: (msg: string) => void;
  /** The demo's files, when their generation was started with the process (generator/demo.ts). */
  demoGeneration?: DemoGeneration;
}

/** Work after migration + regions, before /healthz turns 200 (e.g. the demo data set). Modules append. */
export const startupTasks: ((deps: StartupTaskDeps) => Promise<void>)[] = [];
// On the embedded database the CLI imports through the running portal: publish its local secret (imports/cli-access.ts).
startupTasks.push(async ({ config }) => void (config.databaseUrl ? null : publishCliAccess(config.dataDir)));
// The demo data set (DEMO=1, no households yet): generate Gorontalo and import it through importFile (generator/demo.ts).
startupTasks.push(async (deps) => (await import('./modules/generator/demo')).loadDemo(deps));
// After the demo data set: proposals, complaints and verivali progress made from it, once (workflows/demo-seed.ts).
startupTasks.push(async (deps) => (await import('./modules/workflows/demo-seed')).seedDemoWorkflowsTask(deps));
