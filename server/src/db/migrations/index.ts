import { Migration20261127000000_init } from './Migration20261127000000_init';
import { Migration20261127040000_budget } from './Migration20261127040000_budget';
import { Migration20261127050000_auth } from './Migration20261127050000_auth';

/** Explicit list (no file globbing): works the same under tsx, vitest and bundlers. Append new migrations here. */
export const migrationsList = [
  { name: 'Migration20261127000000_init', class: Migration20261127000000_init },
  { name: 'Migration20261127040000_budget', class: Migration20261127040000_budget },
  { name: 'Migration20261127050000_auth', class: Migration20261127050000_auth },
];
