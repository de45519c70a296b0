import type { EntityManager } from '@mikro-orm/postgresql';
import type { KindDefinition } from '../types';
import { money, oneOf, text } from '../values';
import { CellProblem } from '../values';
import type { Cell } from '../types';

function programCode(c: Cell): string | null {
  const t = text(c);
  if (t === null) return null;
  const code = t.toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_.-]*$/.test(code) || code.length > 32) {
    throw new CellProblem('Kode program hanya huruf, angka, titik, garis bawah dan tanda hubung, paling panjang 32 (mis. PKH, BLT-DD).');
  }
  return code;
}

/** programs: the catalogue; a row replaces the program with the same code. */
export const programs: KindDefinition = {
  kind: 'programs',
  columns: [
    { name: 'kode', required: true },
    { name: 'nama', required: true },
    { name: 'sumber_dana', required: false },
    { name: 'nominal_bulanan', required: false },
  ],
  staging: [
    { name: 'code', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'funding_source', type: 'text' },
    { name: 'monthly_amount', type: 'numeric' },
  ],
  regionRestrictedRefusal: 'Daftar program berlaku nasional: hanya ADMIN yang boleh mengimpornya.',

  validateRow(r) {
    const code = r.get('kode', programCode, true);
    const name = r.get('nama', text, true);
    const source = r.get('sumber_dana', (c) => oneOf(c, ['PUSAT', 'PROVINSI', 'KABUPATEN', 'DESA'] as const));
    const monthly = r.get('nominal_bulanan', money);
    if (r.bad) return { values: null };
    return { values: [code, name, source, monthly] };
  },

  stagedChecks() {
    return [
      {
        sql: `select line, 'kode' as col, code as value, 'Kode program ini sudah ada di baris ' || first_line || ' berkas ini.' as message
              from (select line, code, min(line) over (partition by code) as first_line from stg) d where line > first_line`,
      },
    ];
  },

  async merge(tx: EntityManager) {
    await tx.execute(`insert into program (code, name, funding_source, monthly_amount)
      select code, name, funding_source, monthly_amount from stg
      on conflict (code) do update set name = excluded.name, funding_source = excluded.funding_source,
        monthly_amount = excluded.monthly_amount`);
  },
};
