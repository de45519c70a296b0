import { Migration20261127000000_init } from './Migration20261127000000_init';

/** Explicit list (no file globbing): works the same under tsx, vitest and bundlers. Append new migrations here. */
export const migrationsList = [
  { name: 'Migration20261127000000_init', class: Migration20261127000000_init },
];
