import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';

const cache = new Map<string, string>();

/**
 * Loads a named .sql file (one query each, header comment naming its parameters).
 * Parameters are written `:name` in the file and bound by name, so the SQL stays
 * readable and the call site stays typed.
 */
export function sqlFile(dir: string, name: string): string {
  const file = path.join(dir, name.endsWith('.sql') ? name : `${name}.sql`);
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/**
 * Runs SQL with named parameters (`:name`, not inside `::casts`) and returns typed rows.
 * Example: runSql<Row>(em, sql, { prefix: '75' }).
 */
export async function runSql<T>(em: EntityManager, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const values: unknown[] = [];
  const text = sql
    // strip -- comments so a ':' or '?' in them cannot be taken for a parameter
    .replace(/--[^\n]*/g, '')
    .replace(/(?<!:):([a-zA-Z_][a-zA-Z0-9_]*)/g, (_m, name: string) => {
      if (!(name in params)) throw new Error(`SQL parameter :${name} has no value`);
      values.push(params[name]);
      return '?';
    });
  return em.execute<T[]>(text, values);
}
