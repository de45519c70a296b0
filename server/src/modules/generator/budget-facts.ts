import { apportion } from './rng';

/**
 * Gorontalo's provincial JPS in 2020, as reported at the rakorev of quarter III
 * (16 October 2020): Rp17.12 billion allocated, Rp15.47 billion transferred to
 * the kabupaten/kota (about 90%), Rp1.64 billion of stage III still undisbursed
 * by Pohuwato, Bone Bolango and Gorontalo Utara.
 *
 * The report gives only province totals, so the split is ours, chosen so the
 * totals come out exactly:
 * - the budget is a quota of KK-stages at Rp200,000 each (17.12 bn = 85,600 KK-stages),
 *   shared between the kab/kota in proportion to their poor population
 *   (Dukcapil 2024 population × BPS P0 March 2024) and split evenly over three stages;
 * - stage III outstanding: 8,200 KK-stages = Rp1.64 bn, shared by the three
 *   kabupaten in proportion to their stage III quota;
 * - 17.12 − 15.47 = 1.65 bn, so Rp10 million more is outstanding than the 1.64 bn of
 *   stage III (the report rounds): 50 KK-stages of stages I–II returned because the
 *   recipient had died or moved (Kab. Gorontalo 30, Boalemo 10, Kota Gorontalo 10).
 *   Stage III outstanding elsewhere is zero.
 * Every figure is a multiple of Rp200,000, so at full scale the payment rows
 * can add up to the realisation exactly.
 */

export const JPS_PROV_PER_KK = 200_000;
export const JPS_PROV_FACTS = {
  program: 'JPS-PROV',
  year: 2020,
  allocated: 17_120_000_000,
  disbursed: 15_470_000_000,
  stageIIIOutstanding: 1_640_000_000,
  stageIIIOutstandingKabs: ['75.04', '75.03', '75.05'],
  source: 'Rakorev Triwulan III Provinsi Gorontalo, 16 Oktober 2020',
} as const;

/** KK-stages returned in stages I and II (Rp200,000 each): the Rp10 million the report rounds away. */
const RETURNED_UNITS: Record<string, [number, number]> = { '75.01': [12, 18], '75.02': [0, 10], '75.71': [10, 0] };

export interface JpsLine {
  kab: string; // dotted
  stage: number;
  pagu: number;
  realisasi: number;
}

export interface KabWeight {
  code: string;
  population: number;
  p0: number;
}

/** The 18 JPS-PROV 2020 budget lines (6 kab/kota × 3 stages) of Gorontalo. */
export function gorontaloJpsLines(kabs: readonly KabWeight[]): JpsLine[] {
  const gor = kabs.filter((k) => k.code.startsWith('75.')).sort((a, b) => (a.code < b.code ? -1 : 1));
  if (gor.length !== 6) throw new Error(`Gorontalo JPS budget needs the 6 kab/kota of province 75, got ${gor.length}.`);
  const totalUnits = JPS_PROV_FACTS.allocated / JPS_PROV_PER_KK;
  const kabUnits = apportion(totalUnits, gor.map((k) => k.population * k.p0));
  const stageUnits = kabUnits.map((q) => [0, 1, 2].map((s) => Math.floor(q / 3) + (s < q % 3 ? 1 : 0)));
  const outKabs = JPS_PROV_FACTS.stageIIIOutstandingKabs.map((c) => gor.findIndex((k) => k.code === c));
  const outUnits = apportion(
    JPS_PROV_FACTS.stageIIIOutstanding / JPS_PROV_PER_KK,
    outKabs.map((i) => stageUnits[i]![2]!),
  );
  const lines: JpsLine[] = [];
  gor.forEach((k, i) => {
    for (let s = 0; s < 3; s++) {
      const quota = stageUnits[i]![s]!;
      let paid = quota;
      if (s < 2) paid -= RETURNED_UNITS[k.code]?.[s] ?? 0;
      else {
        const j = outKabs.indexOf(i);
        if (j >= 0) paid -= outUnits[j]!;
      }
      if (paid < 0) throw new Error(`JPS-PROV ${k.code} stage ${s + 1}: more outstanding than allocated.`);
      lines.push({ kab: k.code, stage: s + 1, pagu: quota * JPS_PROV_PER_KK, realisasi: paid * JPS_PROV_PER_KK });
    }
  });
  // The reported figures are the point of this function: fail loudly if the split ever drifts.
  const sum = (f: (l: JpsLine) => number, pick: (l: JpsLine) => boolean = () => true) => lines.filter(pick).reduce((t, l) => t + f(l), 0);
  const pagu = sum((l) => l.pagu);
  const real = sum((l) => l.realisasi);
  const out3 = sum((l) => l.pagu - l.realisasi, (l) => l.stage === 3);
  if (pagu !== JPS_PROV_FACTS.allocated || real !== JPS_PROV_FACTS.disbursed || out3 !== JPS_PROV_FACTS.stageIIIOutstanding) {
    throw new Error(`JPS-PROV lines do not reproduce the rakorev figures (pagu ${pagu}, realisasi ${real}, stage III outstanding ${out3}).`);
  }
  return lines;
}

/** The facts and the lines behind them, for truth.json `budgetFacts`. */
export function describeJpsFacts(lines: readonly JpsLine[], inArea: (kab: string) => boolean) {
  const sel = lines.filter((l) => inArea(l.kab));
  const t = (f: (l: JpsLine) => number, p: (l: JpsLine) => boolean = () => true) => sel.filter(p).reduce((s, l) => s + f(l), 0);
  const stageIII: Record<string, number> = {};
  for (const l of sel) if (l.stage === 3 && l.pagu !== l.realisasi) stageIII[l.kab] = l.pagu - l.realisasi;
  return {
    ...JPS_PROV_FACTS,
    scope: sel.length === lines.length ? 'province 75' : `kab/kota ${[...new Set(sel.map((l) => l.kab))].join(', ')} only`,
    perKkPerStage: JPS_PROV_PER_KK,
    inFile: {
      allocated: t((l) => l.pagu),
      disbursed: t((l) => l.realisasi),
      outstanding: t((l) => l.pagu - l.realisasi),
      stageIIIOutstanding: t((l) => l.pagu - l.realisasi, (l) => l.stage === 3),
      stageIIIOutstandingByKab: stageIII,
      otherOutstanding: t((l) => l.pagu - l.realisasi, (l) => l.stage !== 3),
    },
    choice:
      'Quota of KK-stages at Rp200,000 shared by poor population (Dukcapil 2024 × BPS P0 Mar 2024), even over 3 stages; ' +
      'stage III outstanding 8,200 KK-stages (Rp1.64 bn) in Pohuwato, Bone Bolango, Gorontalo Utara by their stage III quota; ' +
      '17.12 − 15.47 = 1.65 bn, the extra Rp10 million is returned aid in stages I–II of Kab. Gorontalo, Boalemo and Kota Gorontalo.',
    lines: sel,
  };
}
