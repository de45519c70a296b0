import { inspectFile, readRows } from '../server/src/modules/imports/read-file';
import { KINDS } from '../server/src/modules/imports/kinds';
import { RowReader } from '../server/src/modules/imports/row-reader';
import { normalizeHeader } from '../server/src/modules/imports/import.service';
const file = process.argv[2]!; const kind = process.argv[3] as 'households';
const def = KINDS[kind];
const t0 = Date.now();
const info = await inspectFile(file);
const t1 = Date.now();
let n = 0; let reader: RowReader | null = null; const desa = new Set<string>();
const ref = { desa: { has: () => true } as unknown as Set<string>, regions: new Set<string>(), programs: new Map([['PKH','PKH'],['BPNT','BPNT'],['BST','BST'],['BLT-DD','BLT-DD'],['JPS-PROV','JPS-PROV'],['JPS-KAB','JPS-KAB'],['PIP','PIP']]), kecamatan: { has: () => true } as unknown as Set<string>, allowedRegion: null };
let parseOnly = process.argv[4] === 'parse';
for await (const batch of readRows(file, info)) for (const raw of batch) {
  if (!reader) { const idx = new Map<string, number>(); raw.cells.forEach((c, i) => idx.set(normalizeHeader(c), i)); reader = new RowReader(idx); continue; }
  n++;
  if (parseOnly) continue;
  const out = def.validateRow(reader.reset(raw.cells, raw.line), ref as never);
  if (!out.values) desa.add('x');
}
console.log({ inspect: t1 - t0, read: Date.now() - t1, n, bad: desa.size });
