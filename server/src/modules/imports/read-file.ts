import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import type ExcelJS from 'exceljs';
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

/** The line break of a CSV: the first one in its head (PapaParse's parser takes one kind per file). */
function detectNewline(head: string): '\r\n' | '\n' | '\r' {
  const lf = head.indexOf('\n');
  const cr = head.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return head[cr + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** An unfinished record longer than this is an unclosed quote (no real field is megabytes long). */
const MAX_OPEN_RECORD = 8 << 20;

/** How a CSV is written: its delimiter and line break, chosen from its header line. */
export interface CsvLayout {
  delimiter: string;
  newline: '\r\n' | '\n' | '\r';
}

/** A part of a CSV that starts at a record: bytes [start, end), its first record on `line`. */
export interface CsvRange {
  start: number;
  end: number;
  line: number;
  layout: CsvLayout;
}

/** The layout from the text up to the end of the header line (or the whole head when it has no break). */
function layoutOf(head: string): CsvLayout {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  return { delimiter: detectDelimiter(firstLine), newline: detectNewline(head) };
}

/** Reads the head of a CSV (up to its first line break, at most 1 MB) and returns its layout. */
export async function csvLayout(filePath: string, encoding: TextEncoding): Promise<CsvLayout> {
  const decoded = fs.createReadStream(filePath, { highWaterMark: 64 << 10 }).pipe(iconv.decodeStream(encoding));
  let head = '';
  for await (const text of decoded as AsyncIterable<string>) {
    head += text;
    if (/[\r\n]/.test(head) || head.length >= 1 << 20) break;
  }
  return layoutOf(head);
}

/**
 * Records of a CSV, or of one range of it (read-parallel.ts), in batches with their line numbers.
 * A range comes with the layout of the whole file; without one it is chosen from the header line.
 */
export async function* csvRows(filePath: string, encoding: TextEncoding, range?: CsvRange): AsyncGenerator<RawRow[]> {
  // iconv-lite strips a BOM (UTF-8 and UTF-16) by default.
  const decoded = fs
    .createReadStream(filePath, { highWaterMark: 1 << 20, ...(range ? { start: range.start, end: range.end - 1 } : {}) })
    .pipe(iconv.decodeStream(encoding));
  // PapaParse's core parser, fed a chunk at a time: it returns the complete records and where the
  // unfinished last one starts (meta.cursor), which is carried into the next chunk. It is ~4× faster
  // than csv-parse on a roster file (README → Decisions). Empty lines come through as [''] records
  // and are counted here, as are line breaks inside quoted values (a quoted CRLF is one break).
  const parserFor = (layout: CsvLayout) => new Papa.Parser({ delimiter: layout.delimiter, newline: layout.newline, quoteChar: '"' });
  let parser: Papa.Parser | null = range ? parserFor(range.layout) : null;
  let newline: CsvLayout['newline'] = range?.layout.newline ?? '\n';
  let line = range?.line ?? 1;
  let carry = '';
  const rows = (text: string, last: boolean): RawRow[] => {
    const result = parser!.parse(text, 0, !last) as { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };
    const data = result.data;
    // An error in the unfinished last record is seen again, in full, with the next chunk.
    const error = result.errors.find((e) => (e.row ?? 0) < data.length || last);
    const batch: RawRow[] = [];
    for (let i = 0; i < data.length; i++) {
      if (error && i === error.row) throw quoteRefusal(error, line);
      const cells = data[i]!;
      // A CRLF line in an LF file leaves its CR at the end of the record's last value.
      if (newline === '\n') {
        const end = cells[cells.length - 1]!;
        if (end.endsWith('\r')) cells[cells.length - 1] = end.slice(0, -1);
      }
      batch.push({ line, cells });
      line += 1 + countBreaks(cells);
    }
    if (error) throw quoteRefusal(error, line);
    carry = last ? '' : text.slice(result.meta.cursor);
    if (carry.length > MAX_OPEN_RECORD) throw quoteRefusal({ code: 'MissingQuotes' } as Papa.ParseError, line);
    return batch;
  };
  let head = '';
  for await (const text of decoded as AsyncIterable<string>) {
    if (!parser) {
      // Choose the delimiter and line break from the header line: buffer until it is complete.
      head += text;
      if (!/[\r\n]/.test(head) && head.length < 1 << 20) continue;
      const layout = layoutOf(head);
      newline = layout.newline;
      parser = parserFor(layout);
      carry = head;
    } else carry += text;
    const batch = rows(carry, false);
    if (batch.length) yield batch;
  }
  if (!parser) {
    if (!head) return;
    parser = parserFor({ delimiter: detectDelimiter(head), newline: detectNewline(head) });
    carry = head;
  }
  // The last record may end without a line break.
  if (carry) {
    const batch = rows(carry, true);
    if (batch.length) yield batch;
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts a CSV into `parts` ranges of about equal size, each starting at a record, with the line
 * number of that record: one pass over the bytes that follows PapaParse's quoting (a quote opens
 * a value only at its start; "" inside a quoted value is a quote), so a cut never falls inside a
 * quoted value, and counts line breaks as csvRows does (CRLF once, a lone CR or LF once).
 * Only for single-byte-compatible text (UTF-8, Windows-1252) with LF or CRLF records; null when
 * the file cannot be cut (a CR-only file, or no record boundary near the cut points).
 */
export async function splitCsv(filePath: string, size: number, layout: CsvLayout, parts: number): Promise<CsvRange[] | null> {
  if (layout.newline === '\r' || layout.delimiter.length !== 1 || parts < 2) return null;
  const delim = layout.delimiter.charCodeAt(0);
  const crlf = layout.newline === '\r\n';
  const targets = Array.from({ length: parts - 1 }, (_, k) => Math.floor((size * (k + 1)) / parts));
  const cuts: { offset: number; line: number }[] = [];
  let inQuote = false;
  let fieldStart = true;
  let quoteSeen = false; // inside a quoted value, the last byte was a quote (closing, or the first of "")
  let prev = -1;
  let breaks = 0;
  let pos = 0;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = 0;
    if (pos === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // BOM
    for (; i < chunk.length; prev = chunk[i]!, i++) {
      const c = chunk[i]!;
      if (c === LF || prev === CR) breaks++; // an LF, or a CR not followed by one (counted at the next byte)
      if (inQuote) {
        if (!quoteSeen) {
          if (c === QUOTE) quoteSeen = true;
          continue;
        }
        quoteSeen = false;
        if (c === QUOTE) continue; // "" is one quote inside the value
        inQuote = false; // the quote before closed the value: this byte is outside it
      }
      if (c === QUOTE && fieldStart) {
        inQuote = true;
        fieldStart = false;
      } else if (c === delim) fieldStart = true;
      else if (c === LF && (!crlf || prev === CR)) {
        fieldStart = true;
        const offset = pos + i + 1;
        const t = targets[cuts.length];
        if (t !== undefined && offset >= t && offset < size) cuts.push({ offset, line: breaks + 1 });
      } else if (c !== CR) fieldStart = false;
    }
    pos += chunk.length;
    if (cuts.length === targets.length) break;
  }
  if (cuts.length === 0) return null;
  const starts = [{ offset: 0, line: 1 }, ...cuts];
  return starts.map((s, k) => ({ start: s.offset, end: k + 1 < starts.length ? starts[k + 1]!.offset : size, line: s.line, layout }));
}

/** A parse error of PapaParse as the refusal of the file; `line` is where the faulty record starts. */
function quoteRefusal(e: Papa.ParseError, line: number): FileRefusal {
  if (e.code === 'MissingQuotes') {
    return new FileRefusal(`Berkas CSV tidak dapat diurai: tanda kutip (") dibuka di baris ${line} tetapi tidak pernah ditutup.`, line);
  }
  return new FileRefusal(`Berkas CSV tidak dapat diurai di sekitar baris ${line}: ${e.message ?? e.code}.`, line);
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
  // loaded when needed: the read workers (read.worker.ts) import this module and never read XLSX
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(filePath, {
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
