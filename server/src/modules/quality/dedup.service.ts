import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import { pgArray } from '../analytics/analytics.service';
import { isPglite } from '../imports/stage';
import { NameMatcher, idfWeights, wordKey } from './names';
import { DEFAULT_THRESHOLD, scorePair, type DedupPerson, type PersonsPerDay } from './dedup-score';

/**
 * Fuzzy duplicates: fills duplicate_pair (read by the analytics possibleDuplicates
 * figure and by the possibleDuplicates list), set-based inside the import transaction.
 * Only persons with at least one matched recipient row can pair: the figure and the
 * list count pairs of two such persons, so other pairs would never be read (and the
 * work shrinks from the roster, 1.25 M persons in Gorontalo, to its recipients).
 *   1. name_word: word frequencies over the whole roster (IDF weights), phonetic word
 *      keys, blocking keys — rebuilt when the roster changed;
 *   2. dedup_person / dedup_key: the persons that can pair, with their blocking keys;
 *   3. candidate pairs in one SQL statement (blocks: birth date + kecamatan; birth date +
 *      kab/kota + uncommon phonetic key of the first or last word; birth date + phonetic
 *      keys of first and last word across kab/kota; trigram pre-filter), read by a cursor;
 *   4. each candidate scored in Node (dedup-score.ts), reviewed verdicts applied;
 *   5. pairs at or above the threshold written back.
 * After a households import everything is recomputed (the roster and every match may have
 * changed); after a recipients import only the pairs of the persons its rows matched
 * (rows are only added, so no pair goes away). Reviewed pairs: DIFFERENT never counts,
 * SAME always does while both persons are in the roster.
 * Names are normalised by the households import itself (person.name_norm, names.ts).
 */

const SQL_DIR = import.meta.dirname + '/sql';

/** app_setting key of the duplicate-score threshold (0–1). */
export const THRESHOLD_SETTING = 'dedup.threshold';

/**
 * A phonetic word key shared by more than this share of all names is "common" and
 * not used for blocking across kecamatan (pairs within a kecamatan are all compared).
 */
const COMMON_KEY_SHARE = 0.01;
/** …but never below this many names, so small rosters still block on every key. */
const COMMON_KEY_MIN = 200;
/** Candidate pre-filter (pg_trgm similarity of the normalised names), see dedup-candidates.sql. */
const MIN_TRIGRAM = 0.15;
/** Rows fetched from the candidate cursor at a time. */
const FETCH = 20_000;

export function parseThreshold(value: string, where: string): number {
  const v = Number(value);
  if (!Number.isFinite(v) || v <= 0 || v > 1) {
    throw new Error(`${where}: the duplicate threshold must be a number above 0 and at most 1, got "${value}".`);
  }
  return v;
}

/** The threshold in force: app_setting `dedup.threshold`, else env DEDUP_THRESHOLD, else 0.8. */
export async function dedupThreshold(em: EntityManager): Promise<number> {
  const rows = await em.execute<{ value: string }[]>(`select value from app_setting where key = ?`, [THRESHOLD_SETTING]);
  if (rows[0]) return parseThreshold(rows[0].value, `app_setting ${THRESHOLD_SETTING}`);
  const env = process.env.DEDUP_THRESHOLD;
  if (env != null && env.trim() !== '') return parseThreshold(env, 'DEDUP_THRESHOLD');
  return DEFAULT_THRESHOLD;
}

export type DedupScope =
  /** Recompute every pair (a households import, a threshold change). */
  | { all: true }
  /** Add the pairs of the persons matched by the rows of this recipients import. */
  | { all?: false; recipientsBatch: string };

export interface DedupStats {
  persons: number;
  dirty: number;
  candidates: number;
  pairs: number;
  ms: number;
  /** Milliseconds per phase (words, persons, blocking, scoring, write), for benchmarks. */
  phases: Record<string, number>;
}

interface CandidateRow {
  nik_a: string;
  nik_b: string;
  norm_a: string;
  sex_a: string | null;
  kk_a: string;
  desa_a: string;
  norm_b: string;
  sex_b: string | null;
  kk_b: string;
  desa_b: string;
}

interface PairOut {
  nik_a: string;
  nik_b: string;
  score: number;
  reasons: string[];
  desa_code: string;
  kab_code: string;
  kab_code_b: string;
}

/**
 * Rebuilds name_word: counts in SQL; phonetic keys computed here for the distinct words
 * (a roster has tens of thousands, not millions); blocking = the key is uncommon.
 * Returns the name matcher with IDF weights over the whole roster.
 */
export async function refreshNameWords(em: EntityManager): Promise<NameMatcher> {
  await em.execute(`delete from name_word`);
  await runSql(em, sqlFile(SQL_DIR, 'name-word-refresh'));
  const words = await em.execute<{ word: string; names: number }[]>(`select word, names from name_word`);
  const keyed = words.map((w) => ({ word: w.word, key: wordKey(w.word) }));
  for (let i = 0; i < keyed.length; i += 20_000) {
    await em.execute(
      `update name_word n set key = v.key from json_to_recordset(?::json) as v(word text, key text) where n.word = v.word`,
      [JSON.stringify(keyed.slice(i, i + 20_000))],
    );
  }
  const [{ n }] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from person where name_norm is not null and name_norm <> ''`,
  );
  const maxNames = Math.max(COMMON_KEY_MIN, Math.floor(n * COMMON_KEY_SHARE));
  await em.execute(
    `update name_word n set blocking = k.names <= ? from (select key, sum(names) as names from name_word group by key) k where k.key = n.key`,
    [maxNames],
  );
  return new NameMatcher(idfWeights(new Map(words.map((w) => [w.word, w.names])), n));
}

/** The name matcher of the current name_word, without rebuilding it (the roster did not change); `words` limits what is read. */
export async function currentNameMatcher(em: EntityManager, words?: string[]): Promise<NameMatcher> {
  const counted = words
    ? await em.execute<{ word: string; names: number }[]>(`select word, names from name_word where word = any(?::text[])`, [pgArray(words)])
    : await em.execute<{ word: string; names: number }[]>(`select word, names from name_word`);
  const [{ n }] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from person where name_norm is not null and name_norm <> ''`,
  );
  return new NameMatcher(idfWeights(new Map(counted.map((c) => [c.word, c.names])), n));
}

/** Birth dates a roster spreads over (about 80 years of living persons), for persons-per-day estimates. */
const BIRTH_DAYS = 80 * 365.25;

/**
 * Persons born on one day per region prefix (desa, kecamatan, kab/kota, province, '' = all):
 * roster households per desa (analytics_desa_households, refreshed before this hook) times
 * persons per household, spread over BIRTH_DAYS. An estimate for the common-name discount.
 */
export async function scopeSizes(em: EntityManager): Promise<PersonsPerDay> {
  const rows = await em.execute<{ desa_code: string; households: number }[]>(`select desa_code, households from analytics_desa_households`);
  const [{ persons }] = await em.execute<{ persons: number }[]>(`select count(*)::int as persons from person`);
  const households = rows.reduce((n, r) => n + r.households, 0);
  const perHousehold = households > 0 ? persons / households : 0;
  const sizes = new Map<string, number>();
  for (const r of rows) {
    for (const len of [0, 2, 4, 6, 10]) {
      const k = r.desa_code.slice(0, len);
      sizes.set(k, (sizes.get(k) ?? 0) + r.households);
    }
  }
  return (prefix) => ((sizes.get(prefix) ?? 0) * perHousehold) / BIRTH_DAYS;
}

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/** Recomputes duplicate pairs (see the module comment). Run inside a transaction (the import's). */
export async function refreshDuplicates(em: EntityManager, scope: DedupScope): Promise<DedupStats> {
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  let tp = t0;
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = (phases[name] ?? 0) + now - tp;
    tp = now;
  };
  const all = scope.all === true;
  const threshold = await dedupThreshold(em);
  // Transaction-local planner settings for the candidate self-joins of up to millions of persons:
  // hashes stay in memory (1.25 M persons ≈ 150 MB; the embedded WebAssembly database has less
  // room, so it spills to batches sooner), hash joins instead of sorting both sides (measured:
  // sorts on (birth date, kecamatan) cost more than the joins), no JIT compilation (seconds of
  // compile time for one run of each query).
  await em.execute(`set local work_mem = '${(await isPglite(em)) ? '64MB' : '256MB'}'`);
  await em.execute(`set local enable_mergejoin = off`);
  await em.execute(`set local jit = off`);
  const names = all ? await refreshNameWords(em) : await currentNameMatcher(em);
  const perDay = await scopeSizes(em);
  phase('words');

  await runSql(em, sqlFile(SQL_DIR, 'dedup-persons'), { all, batchId: scope.all ? null : scope.recipientsBatch });
  await em.execute(`analyze dedup_person`);
  const [{ persons, dirty }] = await em.execute<{ persons: number; dirty: number }[]>(
    `select count(*)::int as persons, count(*) filter (where dirty)::int as dirty from dedup_person`,
  );
  await runSql(em, sqlFile(SQL_DIR, 'dedup-words'));
  await em.execute(`analyze dedup_key`);
  phase('persons');

  // Reviewed verdicts: DIFFERENT pairs never count; SAME pairs always do.
  const reviews = await em.execute<{ nik_a: string; nik_b: string; verdict: 'SAME' | 'DIFFERENT'; username: string | null }[]>(
    `select nik_a, nik_b, verdict, username from duplicate_review`,
  );
  const verdict = new Map(reviews.map((r) => [pairKey(r.nik_a, r.nik_b), r]));

  const out: PairOut[] = [];
  const seen = new Set<string>();
  let candidates = 0;
  const consider = (r: CandidateRow, sameBirthDate: boolean) => {
    const key = pairKey(r.nik_a, r.nik_b);
    if (seen.has(key)) return;
    seen.add(key);
    const v = verdict.get(key);
    if (v?.verdict === 'DIFFERENT') return;
    const a: DedupPerson = { nik: r.nik_a, norm: r.norm_a, sex: r.sex_a, noKk: r.kk_a, desa: r.desa_a };
    const b: DedupPerson = { nik: r.nik_b, norm: r.norm_b, sex: r.sex_b, noKk: r.kk_b, desa: r.desa_b };
    const s = scorePair(a, b, names, perDay, sameBirthDate);
    if (v?.verdict === 'SAME') s.reasons.push(`confirmed same person${v.username ? ` by ${v.username}` : ''}`);
    else if (s.score < threshold) return;
    out.push({
      nik_a: r.nik_a,
      nik_b: r.nik_b,
      score: s.score,
      reasons: s.reasons,
      desa_code: r.desa_a,
      kab_code: r.desa_a.slice(0, 4),
      kab_code_b: r.desa_b.slice(0, 4),
    });
  };

  const candidateSql = sqlFile(SQL_DIR, 'dedup-candidates');
  await runSql(em, `declare dedup_candidates no scroll cursor for ${candidateSql}`, { minTrigram: MIN_TRIGRAM });
  for (;;) {
    const rows = await em.execute<CandidateRow[]>(`fetch ${FETCH} from dedup_candidates`);
    phase('blocking');
    candidates += rows.length;
    for (const r of rows) consider(r, true);
    phase('scoring');
    if (rows.length < FETCH) break;
  }
  await em.execute(`close dedup_candidates`);
  if (all) {
    // Confirmed pairs that are not candidates (another birth date, no rows …) still count.
    const confirmed = await runSql<CandidateRow & { same_bd: boolean }>(em, sqlFile(SQL_DIR, 'dedup-confirmed'));
    for (const r of confirmed) consider(r, r.same_bd);
  }
  phase('scoring');

  // Incremental runs only add pairs (and rescore existing ones the same way): dedup-insert upserts.
  if (all) await em.execute(`delete from duplicate_pair`);
  for (let i = 0; i < out.length; i += 5_000) {
    await runSql(em, sqlFile(SQL_DIR, 'dedup-insert'), { rows: JSON.stringify(out.slice(i, i + 5_000)) });
  }
  phase('write');
  return { persons, dirty, candidates, pairs: out.length, ms: Date.now() - t0, phases };
}
