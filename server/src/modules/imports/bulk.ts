import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Large loads into a small table: maintaining every secondary index and checking every
 * foreign key row by row costs far more than building the indexes once and validating
 * the keys with one join afterwards. When an import brings at least as many rows as the
 * table holds (the first load of a province, the demo), the import drops the table's
 * secondary indexes and outgoing foreign keys inside its transaction and re-creates them
 * from their own definitions after the merge, before the after-import hooks (which need
 * them). DDL is transactional: a failed or killed import leaves them as they were.
 * Primary keys go too when no foreign key that stays refers to them: the merges match on the keys with
 * hash joins over the whole file, the staged checks have already refused duplicates within the file,
 * and re-creating the key afterwards checks uniqueness over the merged table (a duplicate fails the
 * import). 1M persons on PostgreSQL: 7.4 s into the indexed key (sorted by it), against 3.4 s into
 * the bare table plus 1.6 s to build the key. Other unique indexes stay.
 * Cost: the tables are locked exclusively until commit (readers wait) — acceptable for a
 * bulk load, and never used for the everyday small file.
 */

/** Below this many (estimated) rows the ordinary path is fast enough. */
export const BULK_MIN_ROWS = 50_000;

export interface BulkPlan {
  tables: string[];
  primaryKeys: { table: string; name: string; def: string }[];
  indexes: { name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
}

/** Decides whether to rebuild, and remembers the definitions to re-create. */
export async function planBulkLoad(tx: EntityManager, tables: string[], estimatedRows: number): Promise<BulkPlan | null> {
  if (!tables.length || estimatedRows < BULK_MIN_ROWS) return null;
  for (const t of tables) {
    // Exact counts: PGlite has no autovacuum, so reltuples may be stale or unknown.
    const [{ n }] = await tx.execute<{ n: number }[]>(`select count(*)::float8 as n from (select 1 from ${t} limit ${estimatedRows + 1}) x`);
    if (n! > estimatedRows) return null;
  }
  const list = `{${tables.join(',')}}`;
  const indexes = await tx.execute<{ name: string; def: string }[]>(
    `select ic.relname as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class tc on tc.oid = i.indrelid
     where tc.relname = any(?::text[]) and tc.relnamespace = 'public'::regnamespace
       and not i.indisunique and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by ic.relname`,
    [list],
  );
  const foreignKeys = await tx.execute<{ table: string; name: string; def: string }[]>(
    `select tc.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as def
     from pg_constraint k join pg_class tc on tc.oid = k.conrelid
     where k.contype = 'f' and tc.relname = any(?::text[]) and tc.relnamespace = 'public'::regnamespace
     order by tc.relname, k.conname`,
    [list],
  );
  // Primary keys referred to by no foreign key outside the ones dropped above.
  const primaryKeys = await tx.execute<{ table: string; name: string; def: string }[]>(
    `select tc.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as def
     from pg_constraint k join pg_class tc on tc.oid = k.conrelid
     where k.contype = 'p' and tc.relname = any(?::text[]) and tc.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint r join pg_class rc on rc.oid = r.conrelid
                       where r.contype = 'f' and r.confrelid = k.conrelid and not (rc.relname = any(?::text[])))
     order by tc.relname, k.conname`,
    [list, list],
  );
  return { tables, primaryKeys, indexes, foreignKeys };
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

export async function dropForBulk(tx: EntityManager, plan: BulkPlan): Promise<void> {
  for (const fk of plan.foreignKeys) await tx.execute(`alter table ${q(fk.table)} drop constraint ${q(fk.name)}`);
  for (const ix of plan.indexes) await tx.execute(`drop index ${q(ix.name)}`);
  for (const pk of plan.primaryKeys) await tx.execute(`alter table ${q(pk.table)} drop constraint ${q(pk.name)}`);
}

/** Re-creates what dropForBulk removed (a foreign key now violated fails the import) and refreshes statistics. */
export async function restoreAfterBulk(tx: EntityManager, plan: BulkPlan): Promise<void> {
  await tx.execute(`set local maintenance_work_mem = '256MB'`);
  for (const pk of plan.primaryKeys) await tx.execute(`alter table ${q(pk.table)} add constraint ${q(pk.name)} ${pk.def}`);
  for (const ix of plan.indexes) await tx.execute(ix.def);
  for (const fk of plan.foreignKeys) await tx.execute(`alter table ${q(fk.table)} add constraint ${q(fk.name)} ${fk.def}`);
  for (const t of plan.tables) await tx.execute(`analyze ${q(t)}`);
}
