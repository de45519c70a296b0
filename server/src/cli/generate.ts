import path from 'node:path';
import { AreaError, resolveAreaCode } from '../modules/generator/areas';
import { DEFAULT_RATES, generateDataSet, type FaultRates, type GenerateOptions } from '../modules/generator/generate';
import { UsageError } from './usage';

const RATE_FLAGS: Record<string, keyof FaultRates> = {
  '--invalid-nik-rate': 'invalidNikRate',
  '--unmatched-rate': 'unmatchedRate',
  '--duplicate-payment-rate': 'duplicatePaymentRate',
  '--deceased-rate': 'deceasedRate',
  '--moved-rate': 'movedRate',
  '--fuzzy-dup-rate': 'fuzzyDupRate',
  '--leakage-rate': 'leakageRate',
  '--exclusion-rate': 'exclusionRate',
};

export const GENERATE_HELP = `Usage: npm run cli -- generate --households N --seed S --out DIR [--province 75] [rates]

Writes programs.csv, households.csv, recipients.csv, civil-events.csv, budgets.csv
(contract formats) and truth.json (every planted fault) for the real regions.
  --households N   number of households (KK); Gorontalo at full scale is about 350000
  --seed S         any text; the same seed gives byte-identical files (default 1)
  --out DIR        output folder (created if missing; files are overwritten)
  --province P     75 Gorontalo (default), 33 Kab. Purworejo, 35 Kab. Gresik,
                   64 Kota Samarinda, or a Gorontalo kab/kota code (75.01 … 75.71)
Rates (0–1, defaults in brackets):
${Object.entries(RATE_FLAGS)
  .map(([flag, key]) => `  ${flag.padEnd(26)} [${DEFAULT_RATES[key]}]`)
  .join('\n')}
`;

export function parseGenerateArgs(args: string[]): GenerateOptions {
  const opts: GenerateOptions = { households: 0, seed: '1', out: '', province: '75', ...DEFAULT_RATES };
  let sawHouseholds = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--households': {
        const v = value();
        const n = Number(v.replace(/_/g, ''));
        if (!Number.isInteger(n) || n < 1 || n > 5_000_000) throw new UsageError(`--households must be a whole number from 1 to 5000000, got "${v}".`);
        opts.households = n;
        sawHouseholds = true;
        break;
      }
      case '--seed':
        opts.seed = value();
        if (!opts.seed.trim()) throw new UsageError('--seed may not be empty.');
        break;
      case '--out':
        opts.out = path.resolve(value());
        break;
      case '--province': {
        const v = value();
        try {
          opts.province = resolveAreaCode(v);
        } catch (err) {
          if (err instanceof AreaError) throw new UsageError(err.message);
          throw err;
        }
        break;
      }
      default: {
        const key = RATE_FLAGS[flag];
        if (!key) throw new UsageError(`generate: unknown option "${arg}".\n\n${GENERATE_HELP}`);
        const v = value();
        const r = Number(v);
        if (!Number.isFinite(r) || r < 0 || r > 1) throw new UsageError(`${flag} must be a rate from 0 to 1, got "${v}".`);
        opts[key] = r;
      }
    }
  }
  if (!sawHouseholds) throw new UsageError('generate: --households N is required.');
  if (!opts.out) throw new UsageError('generate: --out DIR is required.');
  return opts;
}

export async function runGenerate(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(GENERATE_HELP);
    return 0;
  }
  const opts = parseGenerateArgs(args);
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let lastPct = -1;
  const truth = await generateDataSet(opts, (p) => {
    const pct = Math.floor((p.done / Math.max(1, p.total)) * 100);
    if (pct === lastPct && p.phase !== 'budgets') return;
    lastPct = pct;
    const label = p.phase === 'plan' ? 'merencanakan' : p.phase === 'write' ? 'menulis' : 'anggaran';
    if (tty) process.stderr.write(`\r${label} ${pct}%   `);
    else if (pct % 25 === 0) process.stderr.write(`${label} ${pct}%\n`);
  });
  if (tty) process.stderr.write('\r');
  const c = truth.counts;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      `Generated ${truth.area.name} (${truth.area.code}) seed "${truth.seed}" into ${opts.out} in ${secs} s:`,
      `  ${truth.households} households, ${truth.persons} persons, ${c.dtksHouseholds} in DTKS`,
      `  ${Object.values(c.byProgram).reduce((s, p) => s + p.rows, 0)} payment rows, ${c.civilEvents} civil events, ${c.budgetLines} budget lines`,
      `  planted: ${c.invalidNikRows} invalid-NIK rows, ${c.unmatchedRows} unmatched rows, ${c.duplicatePayments} duplicate payments,`,
      `           ${c.deceasedRows} rows after death, ${c.movedRows} rows after a move, ${c.fuzzyDuplicatePairs} second registrations`,
      `  truth: ${path.join(opts.out, 'truth.json')}`,
      '',
    ].join('\n'),
  );
  return 0;
}
