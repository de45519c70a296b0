import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchema } from '../../scripts/emit-schema';

describe('server/schema.graphql', () => {
  it('matches the schema built from the code (run `npm run schema:emit` after changing resolvers)', async () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../server/schema.graphql'), 'utf8');
    expect(committed).toBe(await renderSchema());
  });
});
