import { Migration20261127000000_init } from './Migration20261127000000_init';
import { Migration20261127020000_analytics } from './Migration20261127020000_analytics';
import { Migration20261127040000_budget } from './Migration20261127040000_budget';
import { Migration20261127050000_auth } from './Migration20261127050000_auth';
import { Migration20261127060000_workflows } from './Migration20261127060000_workflows';
import { Migration20261127010000_imports } from './Migration20261127010000_imports';
import { Migration20261127030000_quality } from './Migration20261127030000_quality';
import { Migration20261127070000_roster_refresh } from './Migration20261127070000_roster_refresh';
import { Migration20261127080000_data_version } from './Migration20261127080000_data_version';
import { Migration20261128000000_person_name } from './Migration20261128000000_person_name';
import { Migration20261128010000_aid_scope } from './Migration20261128010000_aid_scope';
import { Migration20261128020000_roster_indexes } from './Migration20261128020000_roster_indexes';

/** Explicit list (no file globbing): works the same under tsx, vitest and bundlers. Append new migrations here. */
export const migrationsList = [
  { name: 'Migration20261127000000_init', class: Migration20261127000000_init },
  { name: 'Migration20261127040000_budget', class: Migration20261127040000_budget },
  { name: 'Migration20261127050000_auth', class: Migration20261127050000_auth },
  { name: 'Migration20261127020000_analytics', class: Migration20261127020000_analytics },
  { name: 'Migration20261127060000_workflows', class: Migration20261127060000_workflows },
  { name: 'Migration20261127010000_imports', class: Migration20261127010000_imports },
  { name: 'Migration20261127030000_quality', class: Migration20261127030000_quality },
  { name: 'Migration20261127070000_roster_refresh', class: Migration20261127070000_roster_refresh },
  { name: 'Migration20261127080000_data_version', class: Migration20261127080000_data_version },
  { name: 'Migration20261128000000_person_name', class: Migration20261128000000_person_name },
  { name: 'Migration20261128010000_aid_scope', class: Migration20261128010000_aid_scope },
  { name: 'Migration20261128020000_roster_indexes', class: Migration20261128020000_roster_indexes },
];
