import { Migration } from '@mikro-orm/migrations';

/**
 * Import history details: counts of flagged NIKs, the file size and a sentence
 * for people; an index for the history list (newest first).
 */
export class Migration20261127010000_imports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table import_batch
      add column invalid_nik integer not null default 0,
      add column byte_size bigint,
      add column message text`);
    this.addSql(`create index import_batch_started_idx on import_batch (started_at desc)`);
    this.addSql(`create index payment_import_idx on payment (import_id)`);
  }
}
