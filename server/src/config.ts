import path from 'node:path';

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoHouseholds: number;
  adminPassword: string | undefined;
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative whole number, got "${raw}".`);
  return n;
}

/** Reads the environment once into a typed config; every bad value is one clear sentence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}".`);
  }
  const demoRaw = env.DEMO;
  if (demoRaw !== undefined && demoRaw !== '' && demoRaw !== '0' && demoRaw !== '1') {
    throw new ConfigError(`DEMO must be 0 or 1, got "${demoRaw}".`);
  }
  const port = int(env, 'PORT', 4000);
  if (port > 65535) throw new ConfigError(`PORT must be at most 65535, got ${port}.`);
  return {
    port,
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    demo: demoRaw === undefined || demoRaw === '' ? !databaseUrl : demoRaw === '1',
    demoHouseholds: int(env, 'DEMO_HOUSEHOLDS', 350_000),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 8 * 3600),
  };
}
