import { CellProblem, display, isEmpty } from './values';
import type { Cell, RowError } from './types';

/**
 * One data row with its header map. `get` runs a cell parser and records a
 * problem as a row error ({line, column, value, message}) instead of throwing,
 * so one row reports every bad column at once.
 */
export class RowReader {
  cells: Cell[] = [];
  line = 0;
  bad = false;
  readonly errors: RowError[] = [];

  constructor(readonly index: Map<string, number>) {}

  reset(cells: Cell[], line: number): this {
    this.cells = cells;
    this.line = line;
    this.bad = false;
    this.errors.length = 0;
    return this;
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  raw(column: string): Cell {
    const i = this.index.get(column);
    if (i === undefined) return null;
    return this.cells[i] ?? null;
  }

  /** Parses a column; when `required`, an empty value is an error. */
  get<T>(column: string, parse: (c: Cell) => T | null, required = false): T | null {
    const c = this.raw(column);
    if (required && isEmpty(c)) {
      this.fail(column, 'Wajib diisi.');
      return null;
    }
    try {
      return parse(c);
    } catch (err) {
      if (err instanceof CellProblem) {
        this.fail(column, err.message);
        return null;
      }
      throw err;
    }
  }

  fail(column: string | null, message: string): void {
    this.bad = true;
    const raw = column ? this.raw(column) : null;
    this.errors.push({ line: this.line, column, value: isEmpty(raw) ? null : display(raw), message });
  }
}
