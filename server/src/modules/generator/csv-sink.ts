import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** A CSV field: quoted only when it holds a comma, quote or line break (names like "AHMAD, S.PD"). */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Buffered line writer for large CSV files: lines collect in memory up to
 * ~1 MB, then go to the stream, waiting for 'drain' so memory stays bounded
 * however many rows are written.
 */
export class CsvSink {
  private buf: string[] = [];
  private size = 0;
  lines = 0;

  private constructor(private readonly stream: fs.WriteStream) {}

  static open(file: string, header: readonly string[]): CsvSink {
    const sink = new CsvSink(fs.createWriteStream(file, { encoding: 'utf8' }));
    sink.row(header);
    sink.lines = 0;
    return sink;
  }

  row(fields: readonly (string | number | null | undefined)[]): void {
    this.line(fields.map(csvField).join(','));
  }

  /** A line already joined (hot paths build it with a template, quoting free text with csvField). */
  line(text: string): void {
    this.buf.push(text, '\n');
    this.size += text.length + 1;
    this.lines++;
  }

  /** Writes out the buffer when it is large; call between units of work. */
  async maybeFlush(): Promise<void> {
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buf.length) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
