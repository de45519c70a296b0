// Writes server/schema.graphql from the code (the client's codegen reads it; a test fails on drift).
import fs from 'node:fs';
import path from 'node:path';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { buildAppSchema } from '../server/src/graphql/schema';

export async function renderSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}

const target = path.resolve(import.meta.dirname, '../server/schema.graphql');
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(target, await renderSchema());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
