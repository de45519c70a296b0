import type { EntityManager } from '@mikro-orm/postgresql';
import type { Cell, KindDefinition, StagedCheck } from '../types';
import { date, identityNumber, integer, oneOf, text, upper } from '../values';
import { normaliseName } from '../../quality/names';
import { desaColumn, nikColumn } from './common';

const HEAD = 'KEPALA KELUARGA';

// Cell parsers made once, not per row (a roster file has millions of rows).
const noKkCell = (c: Cell) => identityNumber(c, 'No. KK');
const sexCell = (c: Cell) => oneOf(c, ['L', 'P'] as const);
const yesNoCell = (c: Cell) => oneOf(c, ['Y', 'N'] as const);
const desilCell = (c: Cell) => integer(c, 1, 10);

/**
 * households: the Dukcapil roster with DTKS status, one row per person. A file is
 * a snapshot of the families in it (contract §3): their members and attributes
 * are replaced; a NIK found under another No. KK moves; a family left empty leaves.
 */
export const households: KindDefinition = {
  kind: 'households',
  bulkTables: ['household', 'person', 'person_name'],
  columns: [
    { name: 'no_kk', required: true },
    { name: 'nik', required: true },
    { name: 'nama', required: true },
    { name: 'kode_desa', required: true },
    { name: 'jenis_kelamin', required: false },
    { name: 'tanggal_lahir', required: false },
    { name: 'hubungan', required: false },
    { name: 'alamat', required: false },
    { name: 'dtks', required: false },
    { name: 'desil', required: false },
  ],
  staging: [
    { name: 'no_kk', type: 'text' },
    { name: 'nik', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'name_norm', type: 'text' },
    { name: 'desa_code', type: 'text' },
    { name: 'sex', type: 'text' },
    { name: 'birth_date', type: 'date' },
    { name: 'relation', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'dtks', type: 'boolean' },
    { name: 'desil', type: 'smallint' },
    { name: 'nik_valid', type: 'boolean' },
    { name: 'nik_issue', type: 'text' },
    { name: 'is_head', type: 'boolean' },
  ],

  validateRow(r, ref) {
    const noKk = r.get('no_kk', noKkCell, true);
    const nik = nikColumn(r, ref, 'nik', true);
    const name = r.get('nama', text, true);
    const desa = desaColumn(r, ref, 'kode_desa', true);
    const sex = r.get('jenis_kelamin', sexCell);
    const birth = r.get('tanggal_lahir', date);
    const relation = r.get('hubungan', upper);
    const address = r.get('alamat', text);
    const dtks = r.get('dtks', yesNoCell);
    const desil = r.get('desil', desilCell);
    // A rejected row changes nothing: its person must not drop out of the snapshot of their family.
    if (r.bad || !nik) return { values: null, protect: nik?.nik ?? null };
    return {
      values: [
        noKk,
        nik.nik,
        name,
        normaliseName(name),
        desa,
        sex,
        birth,
        relation,
        address,
        dtks === 'Y',
        desil,
        nik.valid,
        nik.issue,
        relation === HEAD,
      ],
    };
  },

  stagedChecks(ref) {
    const checks: StagedCheck[] = [
      {
        // contract: a second row with the same NIK in one file is a structural error (the first one counts)
        sql: `select s.line, 'nik' as col, s.nik as value,
                'NIK ini sudah ada di baris ' || d.first_line || ' berkas ini (satu NIK = satu orang).' as message
              from stg s join (select nik, min(line) as first_line from stg group by nik having count(*) > 1) d on d.nik = s.nik
              where s.line > d.first_line`,
        uniqueColumn: 'nik',
      },
    ];
    if (ref.allowedRegion) {
      const prefix = ref.allowedRegion;
      checks.push(
        {
          // an operator may not rewrite a family registered outside their region
          sql: `select s.line, 'no_kk' as col, s.no_kk as value,
                  'KK ini terdaftar di desa ' || h.desa_code || ', di luar wilayah Anda.' as message
                from stg s join household h on h.no_kk = s.no_kk
                where h.desa_code not like ? || '%'`,
          params: [prefix],
        },
        {
          // nor take a person out of a family outside their region
          sql: `select s.line, 'nik' as col, s.nik as value,
                  'Orang ini terdaftar di KK ' || p.no_kk || ' di luar wilayah Anda.' as message
                from stg s join person p on p.nik = s.nik join household h on h.no_kk = p.no_kk
                where p.no_kk <> s.no_kk and h.desa_code not like ? || '%'`,
          params: [prefix],
        },
      );
    }
    return checks;
  },

  async merge(tx: EntityManager, batchId: string, { bulk }: { bulk: boolean }) {
    // A family's attributes come from its first head row, else from its first row (contract §3):
    // that row's line per family by one hashed pass, then the rows themselves (no sort of the file).
    await tx.execute(`create temp table stg_family on commit drop as
      select s.no_kk, s.desa_code, substr(s.desa_code, 1, 4) as kab_code, s.dtks, s.desil,
             case when s.is_head then s.nik end as head_nik, s.address
      from (select coalesce(min(line) filter (where is_head), min(line)) as line from stg group by no_kk) f
      join stg s on s.line = f.line`);
    // Families that persons of this file leave (they move to a family in the file).
    await tx.execute(`create temp table stg_left on commit drop as
      select distinct p.no_kk from person p join stg s on s.nik = p.nik where p.no_kk <> s.no_kk`);
    await tx.execute(`analyze stg_family`);
    // Update what exists, then insert the rest (cheaper than INSERT … ON CONFLICT) in key order:
    // appending to the primary-key b-tree in order is several times faster than random inserts.
    // A bulk load has no key index until after the merge: there the sort would be wasted.
    const inKeyOrder = (key: string) => (bulk ? '' : `order by ${key}`);
    await tx.execute(
      `update household h set desa_code = f.desa_code, kab_code = f.kab_code, dtks = f.dtks, desil = f.desil,
         head_nik = f.head_nik, address = f.address, import_id = ?
       from stg_family f where h.no_kk = f.no_kk`,
      [batchId],
    );
    await tx.execute(
      `insert into household (no_kk, desa_code, kab_code, dtks, desil, head_nik, address, import_id)
       select no_kk, desa_code, kab_code, dtks, desil, head_nik, address, ? from stg_family f
       where not exists (select 1 from household h where h.no_kk = f.no_kk)
       ${inKeyOrder('no_kk')}`,
      [batchId],
    );
    // Members of the file's families who are not in the file leave the roster (snapshot), except
    // persons named by a rejected row (stg_protect): a rejected row changes nothing.
    // Names that may fall out of use (person_name, the distinct names behind the name search):
    // those of persons leaving and those being renamed; checked again after the merge.
    await tx.execute(`create temp table stg_old_name on commit drop as
      select lower(p.name) as name from person p join stg s on s.nik = p.nik where lower(p.name) <> lower(s.name)`);
    await tx.execute(`with gone as (
        delete from person p using stg_family f
        where p.no_kk = f.no_kk and not exists (select 1 from stg s where s.nik = p.nik)
          and not exists (select 1 from stg_protect k where k.nik = p.nik)
        returning lower(p.name) as name)
      insert into stg_old_name select name from gone`);
    // Persons already in the roster (possibly under another No. KK: they move), then new persons.
    await tx.execute(`update person p set no_kk = s.no_kk, name = s.name, name_norm = s.name_norm, sex = s.sex,
        birth_date = s.birth_date, relation = s.relation, address = s.address, nik_valid = s.nik_valid,
        nik_issue = s.nik_issue, kab_code = f.kab_code
      from stg s join stg_family f on f.no_kk = s.no_kk
      where p.nik = s.nik
        -- an unchanged person is left as is: a desa's update resends whole families, mostly unchanged,
        -- and each updated row rewrites every index of the roster (the trigram one included)
        and (p.no_kk, p.name, p.name_norm, p.sex, p.birth_date, p.relation, p.address, p.nik_valid, p.nik_issue, p.kab_code)
            is distinct from (s.no_kk, s.name, s.name_norm, s.sex, s.birth_date, s.relation, s.address, s.nik_valid, s.nik_issue, f.kab_code)`);
    await tx.execute(`insert into person (nik, no_kk, name, name_norm, sex, birth_date, relation, address, nik_valid, nik_issue, kab_code)
      select s.nik, s.no_kk, s.name, s.name_norm, s.sex, s.birth_date, s.relation, s.address, s.nik_valid, s.nik_issue, f.kab_code
      from stg s join stg_family f on f.no_kk = s.no_kk
      where not exists (select 1 from person p where p.nik = s.nik)
      ${inKeyOrder('s.nik')}`);
    // A family left with no members leaves the roster; one that keeps members keeps its attributes.
    await tx.execute(`delete from household h using stg_left l
      where h.no_kk = l.no_kk and not exists (select 1 from person p where p.no_kk = h.no_kk)`);
    // distinct names first, lower-cased after: a tenth as many lower() calls
    await tx.execute(`insert into person_name (name)
      select distinct lower(s.name) from (select distinct name from stg) s
      where not exists (select 1 from person_name n where n.name = lower(s.name))`);
    await tx.execute(`delete from person_name n using (select distinct name from stg_old_name) o
      where n.name = o.name and not exists (select 1 from person p where lower(p.name) collate "C" = o.name)`);
  },
};
