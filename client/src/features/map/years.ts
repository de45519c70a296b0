/** Default year of the budget views, from the BudgetYears probe (pure). */

const WINDOW = 8;

/** Variables of the probe: this year and the seven before it. */
export function budgetYearsWindow(now: number) {
  const v: Record<`y${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7}`, number> = { y0: 0, y1: 0, y2: 0, y3: 0, y4: 0, y5: 0, y6: 0, y7: 0 };
  for (let i = 0; i < WINDOW; i++) v[`y${i}` as keyof typeof v] = now - i;
  return v;
}

type Probe = Partial<Record<string, readonly { allocated: number }[] | unknown>> & { rakorevSnapshots?: readonly { year: number }[] };

/**
 * The latest probed year with any allocation; else the latest year of a
 * stored snapshot; else this year (nothing loaded yet).
 */
export function pickDefaultYear(now: number, probe: Probe | null): number {
  if (probe) {
    for (let i = 0; i < WINDOW; i++) {
      const rows = probe[`y${i}`];
      if (Array.isArray(rows) && rows.some((r: { allocated: number }) => r.allocated > 0)) return now - i;
    }
    const years = (probe.rakorevSnapshots ?? []).map((s) => s.year);
    if (years.length > 0) return Math.max(...years);
  }
  return now;
}
