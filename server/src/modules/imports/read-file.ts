import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse as csvParse } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import type { Cell } from './types';

/** The file as a whole cannot be imported (nothing lands). `line` 1 = header. */
export class FileRefusal extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: string | null = null,
    readonly value: string | null = null,
  ) {
    super(message);
  }
}

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf8' | 'windows-1252' | 'utf16le' | 'utf16be';

export interface FileInfo {
  size: number;
  sha256: string;
  format: FileFormat | null;
  encoding: TextEncoding;
  /** Set when the file is refused before parsing (empty, binary, old .xls …). */
  refusal: string | null;
}

const SNIFF_BYTES = 64 * 1024;

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

function sniffRefusal(head: Buffer): string | null {
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return 'Berkas Excel lama (.xls) tidak didukung: buka di Excel lalu simpan sebagai .xlsx atau CSV.';
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'Berkas ini PDF, bukan CSV atau XLSX.';
  const binary: [number[], string][] = [
    [[0x1f, 0x8b], 'gzip'],
    [[0x89, 0x50, 0x4e, 0x47], 'gambar PNG'],
    [[0xff, 0xd8, 0xff], 'gambar JPEG'],
    [[0x52, 0x61, 0x72, 0x21], 'arsip RAR'],
    [[0x37, 0x7a, 0xbc, 0xaf], 'arsip 7z'],
  ];
  for (const [magic, what] of binary) if (startsWith(head, magic)) return `Berkas ini ${what}, bukan CSV atau XLSX.`;
  if (head.includes(0)) return 'Berkas ini berisi data biner, bukan CSV (teks) atau XLSX.';
  return null;
}

/**
 * One pass over the bytes: SHA-256 of the content, the format (XLSX is a ZIP),
 * and for text whether it is valid UTF-8 (else Windows-1252, what Indonesian
 * Excel writes). Refusals that need no parsing are reported here.
 */
/** Where a UTF-8 sequence cut off by the end of `buf` starts (buf.length when none is). */
function completeUtf8Length(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < need ? i : buf.length;
}

export async function inspectFile(filePath: string, onBytes?: (n: number) => void): Promise<FileInfo> {
  const hash = crypto.createHash('sha256');
  let validUtf8 = true;
  let carry: Buffer | null = null; // the start of a sequence split across two chunks
  let size = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
    if (validUtf8) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeUtf8Length(buf);
      validUtf8 = isUtf8(buf.subarray(0, cut));
      carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    }
    size += chunk.length;
    onBytes?.(size);
  }
  if (carry) validUtf8 = false; // the file ends inside a multi-byte sequence
  const sha256 = hash.digest('hex');
  const base = { size, sha256 };
  if (size === 0) return { ...base, format: null, encoding: 'utf8', refusal: 'Berkas kosong (0 byte).' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { ...base, format: 'xlsx', encoding: 'utf8', refusal: null };
  if (startsWith(head, [0xff, 0xfe])) return { ...base, format: 'csv', encoding: 'utf16le', refusal: null };
  if (startsWith(head, [0xfe, 0xff])) return { ...base, format: 'csv', encoding: 'utf16be', refusal: null };
  const refusal = sniffRefusal(head);
  if (refusal) return { ...base, format: null, encoding: 'utf8', refusal };
  return { ...base, format: 'csv', encoding: validUtf8 ? 'utf8' : 'windows-1252', refusal: null };
}

export interface RawRow {
  /** Line in the file (header = 1); for XLSX the sheet's row number. */
  line: number;
  cells: Cell[];
}

/** The delimiter of a CSV: the most frequent of ; , TAB outside quotes in the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Line breaks inside the values of a record (a quoted CRLF is one break). */
function countBreaks(fields: string[]): number {
  let breaks = 0;
  for (const f of fields) {
    if (f.length === 0 || (f.indexOf('\n') < 0 && f.indexOf('\r') < 0)) continue;
    breaks += f.match(/\r\n|\r|\n/g)!.length;
  }
  return breaks;
}

async function* csvRows(filePath: string, encoding: TextEncoding): AsyncGenerator<RawRow[]> {
  // iconv-lite strips a BOM (UTF-8 and UTF-16) by default.
  const decoded = fs.createReadStream(filePath, { highWaterMark: 1 << 20 }).pipe(iconv.decodeStream(encoding));
  let parser: ReturnType<typeof csvParse> | null = null;
  let batch: RawRow[] = [];
  let line = 1;
  // Records are drained synchronously after each chunk is written (write() runs the parser at once)
  // and handed on a chunk at a time: no promise per row. Empty lines come through as [''] records
  // and are counted here — csv-parse's own line counter (info, also computed for on_record) costs
  // a third of the parse time and counts a quoted CRLF as two lines.
  let failure: Error | null = null;
  const drain = () => {
    for (let record = parser!.read() as string[] | null; record !== null; record = parser!.read() as string[] | null) {
      batch.push({ line, cells: record });
      line += 1 + countBreaks(record);
    }
  };
  const feed = (text: string) => {
    parser!.write(text);
    drain();
  };
  const refusal = (err: Error) => {
    const e = err as Error & { lines?: number; code?: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      // `line` is where the unfinished record starts, i.e. where the quote was opened
      return new FileRefusal(`Berkas CSV tidak dapat diurai: tanda kutip (") dibuka di baris ${line} tetapi tidak pernah ditutup.`, line);
    }
    const at = e.lines ?? line;
    return new FileRefusal(`Berkas CSV tidak dapat diurai di sekitar baris ${at}: ${e.message}.`, at);
  };
  let head = '';
  for await (const text of decoded as AsyncIterable<string>) {
    if (!parser) {
      // Choose the delimiter from the header line: buffer until it is complete.
      head += text;
      if (!/[\r\n]/.test(head) && head.length < 1 << 20) continue;
      const firstLine = head.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
      parser = csvParse({ delimiter: detectDelimiter(firstLine), relax_column_count: true, relax_quotes: true });
      parser.on('error', (err: Error) => (failure = err));
      feed(head);
    } else feed(text);
    if (failure) throw refusal(failure);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  if (!parser) {
    if (!head) return;
    parser = csvParse({ delimiter: detectDelimiter(head), relax_column_count: true, relax_quotes: true });
    parser.on('error', (err: Error) => (failure = err));
    feed(head);
  }
  // The last record may end without a line break: end() flushes it, then drain it like the others.
  await new Promise<void>((resolve) => {
    parser!.once('error', () => resolve());
    parser!.end(() => resolve());
  });
  drain();
  if (failure) throw refusal(failure);
  if (batch.length) yield batch;
}

type XlsxValue = ExcelJS.CellValue;

/** An exceljs cell value as a plain Cell: rich text joined, formulas by their result, hyperlinks by their text. */
export function xlsxCell(v: XlsxValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((p) => p.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return xlsxCell((v as ExcelJS.CellFormulaValue).result as XlsxValue);
    if ('hyperlink' in v) return xlsxCell((v as ExcelJS.CellHyperlinkValue).text as XlsxValue);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

async function* xlsxRows(filePath: string): AsyncGenerator<RawRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to recognise date cells by their number format
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sheets = 0;
  let batch: RawRow[] = [];
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as XlsxValue[]; // 1-based, sparse
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
        batch.push({ line: row.number, cells });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return; // the first sheet only (contract §3); other sheets are ignored
    }
  } catch (err) {
    if (err instanceof FileRefusal) throw err;
    throw new FileRefusal(`Berkas XLSX tidak dapat dibaca: ${(err as Error).message}. Simpan ulang dari Excel sebagai .xlsx.`);
  }
  if (sheets === 0) throw new FileRefusal('Berkas XLSX tidak berisi lembar kerja.');
}

/** Rows of a CSV or the first sheet of an XLSX, header first, in batches. Throws FileRefusal when unparseable. */
export function readRows(filePath: string, info: FileInfo): AsyncGenerator<RawRow[]> {
  return info.format === 'xlsx' ? xlsxRows(filePath) : csvRows(filePath, info.encoding);
}
