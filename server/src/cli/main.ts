import 'reflect-metadata';
import { UsageError } from './usage';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  generate --households N --seed S --out DIR [--province 75]
      Write a synthetic, realistic data set (contract formats + truth.json).
  import <programs|households|recipients|civil-events|budgets> FILE [--strict]
      Import a CSV/XLSX file; prints the JSON report. Exit 0 landed/unchanged, 1 refused, 2 bad usage.
`;


async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'generate': {
        const { runGenerate } = await import('./generate');
        return await runGenerate(rest);
      }
      case 'import': {
        const { runImport } = await import('./import');
        return await runImport(rest);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return cmd ? 0 : 2;
      default:
        throw new UsageError(`Unknown command "${cmd}".`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`✖ ${(err as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`✖ ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
