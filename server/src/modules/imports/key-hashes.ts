/**
 * 53-bit hashes of the values of one staged column (households: the NIK), collected while a file
 * is read, to prove that no value repeats: then the staged duplicate check (a hash aggregate over
 * the whole staging table, 0.8 s for 1M rows on PostgreSQL) has nothing to find and is skipped.
 * Equal hashes prove nothing (a collision, or a real duplicate): the SQL check then runs as always,
 * so a wrong answer here can only cost time, never let a duplicate through.
 */
export class KeyHashes {
  private data = new Float64Array(1 << 16);
  private n = 0;

  add(value: string | null): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = value === null ? -1 : keyHash(value); // NULLs group together in SQL too
  }

  /** The hashes, sorted (for sortedDistinct across the parts of a file). */
  sorted(): Float64Array {
    return this.data.subarray(0, this.n).sort();
  }
}

/** Two 32-bit FNV-style hashes of the UTF-16 code units, 32 + 21 bits of them as one exact double. */
export function keyHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Whether no hash occurs twice within or across the sorted parts (a merge walk, no extra memory). */
export function sortedDistinct(parts: Float64Array[]): boolean {
  for (const p of parts) for (let i = 1; i < p.length; i++) if (p[i] === p[i - 1]) return false;
  if (parts.length < 2) return true;
  // k-way walk: repeatedly take the smallest head; a head equal to the last taken is a repeat
  const at = parts.map(() => 0);
  let last = Number.NEGATIVE_INFINITY;
  for (;;) {
    let best = -1;
    for (let k = 0; k < parts.length; k++) {
      if (at[k]! < parts[k]!.length && (best < 0 || parts[k]![at[k]!]! < parts[best]![at[best]!]!)) best = k;
    }
    if (best < 0) return true;
    const v = parts[best]![at[best]!++]!;
    if (v === last) return false;
    last = v;
  }
}
