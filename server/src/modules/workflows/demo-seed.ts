import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { runSql, sqlFile } from '../../db/sql';
import type { StartupTaskDeps } from '../../startup-tasks';
import type { AuthUser } from '../auth/auth.types';
import { Role } from '../auth/user.entity';
import { csvField } from '../exports/household-export';
import { DEMO_SEED } from '../generator/demo';
import { hashString, hashUnit } from '../generator/rng';
import { importFile } from '../imports/import.service';
import { loadKecamatanSet, validateNik } from '../quality/nik';
import { createPengaduan, setPengaduanStatus } from './pengaduan.service';
import { proposeUsulan, proposeUsulanBatch, setUsulanStatus } from './usulan.service';
import { PengaduanCategory, PengaduanChannel, PengaduanStatus, UsulanKind, UsulanReason, UsulanStatus } from './workflow-common';

/**
 * The demo's workflow data: what a social office would have done in the weeks after the data
 * arrived, built from the imported demo data through the same services as the API (so every
 * rule and the audit log apply), deterministically for a seed:
 * - proposals (usulan): per kab/kota the desa with the most aided families outside DTKS, proposed
 *   as batches at different stages (approved/rejected, verified, just proposed); removals of DTKS
 *   families whose members all died or moved; a few rich DTKS families (TIDAK_MISKIN);
 * - complaints (pengaduan): per kab/kota, in proportion to its families, with categories and
 *   channels in realistic shares, received over the last 60 days, processed and resolved after
 *   delays drawn from the seed (so response times vary), data complaints closed as fixing their flags;
 * - verivali: the desa's households update for a share of the fixable records (invalid NIKs
 *   corrected, persons who died or moved away without aid removed), different per kab/kota (as
 *   Gresik 70%, Sidoarjo 46%), imported through importFile like any other file.
 * Times of workflow steps are in the past relative to `now`; a flag is never fixed before the
 * import that first showed it (see verivali-fix-*.sql).
 */

const SQL_DIR = `${import.meta.dirname}/sql`;
const run = <T>(em: EntityManager, name: string, params: Record<string, unknown> = {}) => runSql<T>(em, sqlFile(SQL_DIR, name), params);

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The demo's office account as it appears in histories and the audit log. */
const DEMO_USER: AuthUser = { id: 0, username: 'demo', role: Role.ADMIN, regionCode: null };

export interface SeedOptions {
  seed: string;
  /** The moment the demo's history ends (default: now). */
  now?: Date;
  log?: (msg: string) => void;
}

export interface SeedSummary {
  skipped: boolean;
  proposals: number;
  complaints: number;
  /** Records fixed by the demo's households update (NIKs corrected, persons removed). */
  correctedRecords: number;
}

const CATEGORY_SHARE: [PengaduanCategory, number][] = [
  [PengaduanCategory.TIDAK_MENERIMA, 0.35],
  [PengaduanCategory.SALAH_SASARAN, 0.2],
  [PengaduanCategory.BANTUAN_GANDA, 0.1],
  [PengaduanCategory.DATA_SALAH, 0.25],
  [PengaduanCategory.LAINNYA, 0.1],
];

const CHANNEL_SHARE: [PengaduanChannel, number][] = [
  [PengaduanChannel.POSKO, 0.3],
  [PengaduanChannel.WHATSAPP, 0.3],
  [PengaduanChannel.TELEPON, 0.15],
  [PengaduanChannel.WEB, 0.15],
  [PengaduanChannel.SURAT, 0.1],
];

const DESCRIPTIONS: Record<PengaduanCategory, string[]> = {
  TIDAK_MENERIMA: [
    'Keluarga terdaftar di DTKS tetapi belum pernah menerima bantuan.',
    'Warga miskin belum menerima BST maupun BLT Dana Desa.',
    'Nama ada di daftar penerima, tetapi bantuan tahap ini tidak cair.',
  ],
  SALAH_SASARAN: [
    'Penerima bantuan dinilai mampu: rumah permanen dan punya kendaraan.',
    'Keluarga pegawai tercatat sebagai penerima bansos.',
    'Penerima sudah lama tidak tinggal di desa ini.',
  ],
  BANTUAN_GANDA: [
    'Satu orang menerima bantuan dua kali dengan NIK berbeda.',
    'Nama yang sama muncul dua kali di daftar penerima.',
    'Keluarga menerima bantuan dari dua program sekaligus.',
  ],
  DATA_SALAH: [
    'NIK di daftar penerima tidak sesuai dengan KTP.',
    'Anggota keluarga yang sudah meninggal masih tercatat di KK.',
    'Anggota keluarga sudah pindah domisili tetapi masih tercatat.',
  ],
  LAINNYA: [
    'Jadwal penyaluran bantuan tidak diumumkan di desa.',
    'Antrean pencairan di kantor pos terlalu lama.',
    'Warga meminta informasi syarat menjadi penerima bansos.',
  ],
};

const RESOLUTION_NOTE: Record<PengaduanCategory, string> = {
  TIDAK_MENERIMA: 'Diverifikasi; keluarga dimasukkan ke daftar penerima tahap berikutnya.',
  SALAH_SASARAN: 'Hasil verifikasi lapangan disampaikan ke desa untuk musyawarah.',
  BANTUAN_GANDA: 'Penerima ganda dicoret dari daftar tahap berikutnya.',
  DATA_SALAH: 'Data diperbaiki bersama Disdukcapil.',
  LAINNYA: 'Informasi telah disampaikan kepada pelapor.',
};

function pick<T>(shares: [T, number][], u: number): T {
  let acc = 0;
  for (const [v, s] of shares) {
    acc += s;
    if (u < acc) return v;
  }
  return shares[shares.length - 1][0];
}

export async function seedDemoWorkflows(orm: MikroORM, opts: SeedOptions): Promise<SeedSummary> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? new Date();
  const seedHash = hashString(opts.seed);
  /** A uniform number in [0, 1) for a key: the same seed and key always give the same number. */
  const u = (...keys: (string | number)[]) => hashUnit(seedHash, ...keys.map((k) => hashString(String(k))));
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const em = orm.em.fork();

  const [{ n: existing }] = await em.execute<{ n: number }[]>(
    `select ((select count(*) from usulan) + (select count(*) from pengaduan))::int as n`,
  );
  if (existing > 0) return { skipped: true, proposals: 0, complaints: 0, correctedRecords: 0 };

  const kabs = await run<{ kab_code: string; households: number }>(em, 'demo-kab-households');
  let proposals = 0;

  // --- Proposals to add: batches per desa at four stages.
  const desas = await run<{ kab_code: string; desa_code: string; candidates: number }>(em, 'demo-desa-candidates', { seed: opts.seed, per_kab: 4 });
  const rank = new Map<string, number>();
  for (const d of desas) {
    const i = rank.get(d.kab_code) ?? 0;
    rank.set(d.kab_code, i + 1);
    const start = [50, 35, 20, 6][i];
    const b = await proposeUsulanBatch(
      em,
      DEMO_USER,
      { within: d.desa_code, kind: UsulanKind.ADDITION, note: 'Penerima JPS di luar DTKS, usulan dari desa' },
      { at: ago(start) },
    );
    proposals += b.ids.length;
    if (i === 3) continue; // just proposed
    await setUsulanStatus(em, DEMO_USER, { ids: b.ids, status: UsulanStatus.DIVERIFIKASI, note: 'Verifikasi lapangan oleh pendamping desa' }, { at: ago(start - 8) });
    if (i === 2) continue; // verified, waiting for the decision
    const ordered = [...b.ids].sort((x, y) => u('approve', x) - u('approve', y));
    const approveShare = i === 0 ? 0.8 : 0.5;
    const nApprove = Math.max(1, Math.round(ordered.length * approveShare));
    await setUsulanStatus(em, DEMO_USER, { ids: ordered.slice(0, nApprove), status: UsulanStatus.DISETUJUI, note: 'Disetujui rapat verifikasi Dinas Sosial' }, { at: ago(start - 18) });
    const rest = ordered.slice(nApprove);
    if (i === 0 && rest.length) {
      await setUsulanStatus(em, DEMO_USER, { ids: rest, status: UsulanStatus.DITOLAK, note: 'Tidak memenuhi kriteria: penghasilan di atas batas' }, { at: ago(start - 18) });
    }
  }

  log(`Demo workflows: ${proposals} proposals to add families, in ${desas.length} desa batches.`);

  // --- Proposals to remove: families whose members all died or moved, per kab/kota.
  for (const k of kabs) {
    const candidates = await run<{ no_kk: string }>(em, 'usulan-candidates', { kind: UsulanKind.REMOVAL, within: k.kab_code });
    if (candidates.length === 0) continue;
    const b = await proposeUsulanBatch(em, DEMO_USER, { within: k.kab_code, kind: UsulanKind.REMOVAL, note: 'Hasil pencocokan dengan data Dukcapil' }, { at: ago(28) });
    proposals += b.ids.length;
    await setUsulanStatus(em, DEMO_USER, { ids: b.ids, status: UsulanStatus.DIVERIFIKASI, note: 'Dicek dengan surat keterangan desa' }, { at: ago(21) });
    const ordered = [...b.ids].sort((x, y) => u('remove', x) - u('remove', y));
    const approve = ordered.slice(0, Math.max(1, Math.round(ordered.length * 0.75)));
    await setUsulanStatus(em, DEMO_USER, { ids: approve, status: UsulanStatus.DISETUJUI, note: 'Dihapus dari DTKS' }, { at: ago(14) });
  }

  // --- A few rich DTKS families proposed for removal (inclusion errors).
  const rich = await run<{ kab_code: string; no_kk: string }>(em, 'demo-rich-dtks', { seed: opts.seed, per_kab: 3 });
  const richRank = new Map<string, number>();
  for (const r of rich) {
    const i = richRank.get(r.kab_code) ?? 0;
    richRank.set(r.kab_code, i + 1);
    const id = await proposeUsulan(em, DEMO_USER, { noKk: r.no_kk, kind: UsulanKind.REMOVAL, reason: UsulanReason.TIDAK_MISKIN, note: 'Laporan desa: keluarga sudah mampu' }, { at: ago(18) });
    proposals++;
    if (i === 2) {
      await setUsulanStatus(em, DEMO_USER, { ids: [id], status: UsulanStatus.DITOLAK, note: 'Masih memenuhi kriteria miskin' }, { at: ago(9) });
      continue;
    }
    await setUsulanStatus(em, DEMO_USER, { ids: [id], status: UsulanStatus.DIVERIFIKASI, note: 'Kunjungan rumah' }, { at: ago(12) });
    if (i === 0) await setUsulanStatus(em, DEMO_USER, { ids: [id], status: UsulanStatus.DISETUJUI, note: 'Disetujui' }, { at: ago(5) });
  }
  log(`Demo workflows: ${proposals} proposals in all.`);

  // --- Complaints, per kab/kota in proportion to its families.
  const subjects = await run<{ category: PengaduanCategory; kab_code: string; no_kk: string | null; desa_code: string }>(em, 'demo-complaint-subjects', {
    seed: opts.seed,
    per_kab: 25,
  });
  const byKabCategory = new Map<string, typeof subjects>();
  for (const s of subjects) {
    const key = `${s.kab_code}/${s.category}`;
    let l = byKabCategory.get(key);
    if (!l) byKabCategory.set(key, (l = []));
    l.push(s);
  }
  const planned: { s: (typeof subjects)[number]; receivedAt: Date; key: string }[] = [];
  for (const k of kabs) {
    const total = Math.min(60, Math.max(6, Math.round(k.households / 1200)));
    for (const [category, share] of CATEGORY_SHARE) {
      const list = byKabCategory.get(`${k.kab_code}/${category}`) ?? [];
      const n = Math.min(list.length, Math.max(1, Math.round(total * share)));
      for (const s of list.slice(0, n)) {
        const key = `${category}/${s.no_kk ?? s.desa_code}`;
        // Received over the last 60 days, to the minute.
        const receivedAt = new Date(Math.floor((now.getTime() - u('received', key) * 60 * DAY) / 60_000) * 60_000);
        planned.push({ s, receivedAt, key });
      }
    }
  }
  // In the order the desk received them, so ids follow time as in a real log.
  planned.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.key.localeCompare(b.key));
  let complaints = 0;
  for (const { s, receivedAt, key } of planned) {
    const category = s.category;
    const texts = DESCRIPTIONS[category];
    const id = await createPengaduan(
      em,
      DEMO_USER,
      {
        noKk: s.no_kk,
        desaCode: s.no_kk ? null : s.desa_code,
        category,
        channel: pick(CHANNEL_SHARE, u('channel', key)),
        description: texts[Math.floor(u('text', key) * texts.length)],
        receivedAt,
      },
      { at: receivedAt },
    );
    complaints++;
    // First response after 1 hour to 5 days (most within a day or two), resolution 12 hours to 20 days later.
    const processedAt = new Date(receivedAt.getTime() + (1 + 119 * u('response', key) ** 2) * HOUR);
    if (processedAt.getTime() > now.getTime()) continue;
    await setPengaduanStatus(em, DEMO_USER, { id, status: PengaduanStatus.DIPROSES, note: 'Diteruskan ke pendamping desa untuk dicek' }, { at: processedAt });
    const resolvedAt = new Date(processedAt.getTime() + (12 + 468 * u('resolve', key)) * HOUR);
    if (resolvedAt.getTime() > now.getTime()) continue;
    const fixFlags = (category === PengaduanCategory.DATA_SALAH || category === PengaduanCategory.BANTUAN_GANDA) && u('fix', key) < 0.7;
    await setPengaduanStatus(em, DEMO_USER, { id, status: PengaduanStatus.SELESAI, note: RESOLUTION_NOTE[category], fixFlags }, { at: resolvedAt });
  }
  log(`Demo workflows: ${complaints} complaints.`);

  // --- Verivali: the households update of the desa, for a share of the fixable records per kab/kota.
  const correctedRecords = await importCorrections(orm, em, opts.seed, u, log);
  return { skipped: false, proposals, complaints, correctedRecords };
}

/**
 * Builds and imports the households file a desa would send after verivali, for a share of the
 * fixable records (demo-fixable-flags.sql) that differs per kab/kota (45–85%, as Gresik 70%,
 * Sidoarjo 46%): invalid NIKs corrected (kecamatan of the family's desa, birth date with day + 40
 * for women, a serial not yet taken), persons who died or moved away without aid removed from
 * their family. Families are written whole (a households file replaces a family's members) and
 * always keep at least one member.
 */
async function importCorrections(
  orm: MikroORM,
  em: EntityManager,
  seed: string,
  u: (...keys: (string | number)[]) => number,
  log: (msg: string) => void,
): Promise<number> {
  type Fixable = { kab_code: string; kind: 'INVALID_NIK' | 'DECEASED' | 'MOVED'; nik: string; no_kk: string; desa_code: string; birth_date: string | null; sex: string | null };
  const fixable = await run<Fixable>(em, 'demo-fixable-flags', { seed });
  const byKab = new Map<string, Fixable[]>();
  for (const f of fixable) {
    let l = byKab.get(f.kab_code);
    if (!l) byKab.set(f.kab_code, (l = []));
    l.push(f);
  }
  const chosen: Fixable[] = [];
  for (const [kab, list] of byKab) chosen.push(...list.slice(0, Math.round(list.length * (0.45 + 0.4 * u('fix-share', kab)))));
  if (chosen.length === 0) return 0;

  // New NIKs for the invalid ones.
  const prefixOf = (p: Fixable) => {
    const [y, m, d] = p.birth_date!.split('-');
    const day = Number(d) + (p.sex === 'P' ? 40 : 0);
    return `${p.desa_code.slice(0, 6)}${String(day).padStart(2, '0')}${m}${y.slice(2)}`;
  };
  const toCorrect = chosen.filter((p) => p.kind === 'INVALID_NIK' && p.birth_date && (p.sex === 'L' || p.sex === 'P'));
  const prefixes = [...new Set(toCorrect.map(prefixOf))];
  const taken = new Set(
    prefixes.length ? (await run<{ nik: string }>(em, 'demo-nik-taken', { prefixes: `{${prefixes.join(',')}}` })).map((r) => r.nik) : [],
  );
  const kecamatan = await loadKecamatanSet(em);
  const corrected = new Map<string, string>();
  for (const p of toCorrect) {
    const prefix = prefixOf(p);
    let serial = 1 + Math.floor(u('serial', p.nik) * 9000);
    let nik = '';
    for (let tries = 0; tries < 50; tries++, serial = (serial % 9999) + 1) {
      nik = `${prefix}${String(serial).padStart(4, '0')}`;
      if (!taken.has(nik)) break;
    }
    if (taken.has(nik) || !validateNik(nik, (c) => kecamatan.has(c)).valid) continue;
    taken.add(nik);
    corrected.set(p.nik, nik);
  }
  const removed = new Set(chosen.filter((p) => p.kind !== 'INVALID_NIK').map((p) => p.nik));

  const families = [...new Set(chosen.filter((p) => corrected.has(p.nik) || removed.has(p.nik)).map((p) => p.no_kk))];
  if (families.length === 0) return 0;
  const rows = await run<{
    no_kk: string;
    nik: string;
    name: string;
    desa_code: string;
    sex: string | null;
    birth_date: string | null;
    relation: string | null;
    address: string | null;
    dtks: boolean;
    desil: number | null;
  }>(em, 'demo-family-rows', { kks: `{${families.join(',')}}` });
  const byFamily = new Map<string, typeof rows>();
  for (const r of rows) {
    let l = byFamily.get(r.no_kk);
    if (!l) byFamily.set(r.no_kk, (l = []));
    l.push(r);
  }
  const header = 'no_kk,nik,nama,kode_desa,jenis_kelamin,tanggal_lahir,hubungan,alamat,dtks,desil';
  const lines: string[] = [];
  let removedCount = 0;
  for (const members of byFamily.values()) {
    let kept = members.filter((m) => !removed.has(m.nik));
    // A family is never emptied by a households file: then it keeps everyone (removal is an usulan's job).
    if (kept.length === 0) kept = members;
    removedCount += members.length - kept.length;
    for (const r of kept) {
      lines.push(
        [r.no_kk, corrected.get(r.nik) ?? r.nik, r.name, r.desa_code, r.sex, r.birth_date, r.relation, r.address, r.dtks ? 'Y' : 'N', r.desil]
          .map((v) => csvField(v == null ? null : typeof v === 'number' ? v : String(v)))
          .join(','),
      );
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-perbaikan-'));
  const file = path.join(dir, 'households-perbaikan.csv');
  try {
    fs.writeFileSync(file, [header, ...lines].join('\r\n') + '\r\n');
    const report = await importFile(orm, { kind: 'households', filePath: file, fileName: 'demo/households-perbaikan.csv', username: 'demo' });
    if (report.status !== 'landed' || report.rejected > 0) {
      throw new Error(`Demo workflows: the corrected households file did not land cleanly (${report.status}, ${report.rejected} rejected): ${report.message}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  log(`Demo workflows: households update of ${byFamily.size} families: ${corrected.size} NIKs corrected, ${removedCount} persons who died or moved removed.`);
  return corrected.size + removedCount;
}

const MARKER = 'demo_workflows';

/**
 * Start-up task (startup-tasks.ts): after the demo data set is loaded (generator/demo.ts sets
 * app_setting demo_state = done), seed the workflows once. Not when DEMO is off, not when
 * anyone already created a proposal or complaint, never twice.
 */
export async function seedDemoWorkflowsTask({ orm, config, status, log }: StartupTaskDeps): Promise<void> {
  if (!config.demo) return;
  const em = orm.em.fork();
  const [row] = await em.execute<{ demo: string | null; seeded: string | null; workflows: number }[]>(
    `select (select value from app_setting where key = 'demo_state') as demo,
            (select value from app_setting where key = ?) as seeded,
            ((select count(*) from usulan) + (select count(*) from pengaduan))::int as workflows`,
    [MARKER],
  );
  if (row.demo !== 'done' || row.seeded) return;
  if (row.workflows > 0) {
    log('Demo workflows: proposals or complaints exist already; no demo workflows added.');
    await em.execute(`insert into app_setting (key, value) values (?, 'skipped') on conflict (key) do nothing`, [MARKER]);
    return;
  }
  Object.assign(status, { phase: 'demo-workflows', message: 'Menyiapkan contoh usulan DTKS, pengaduan dan verivali…' });
  const started = Date.now();
  const s = await seedDemoWorkflows(orm, { seed: DEMO_SEED, log: (m) => log(`${m} (${((Date.now() - started) / 1000).toFixed(0)} s)`) });
  await em.execute(`insert into app_setting (key, value) values (?, 'done') on conflict (key) do update set value = excluded.value`, [MARKER]);
  log(`Demo workflows: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${s.proposals} proposals, ${s.complaints} complaints, ${s.correctedRecords} records fixed by a households update).`);
}
