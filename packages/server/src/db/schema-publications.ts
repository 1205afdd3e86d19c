import type { ColumnType } from 'kysely';

/** Table types of issued publications (migration 0022), joined into Database. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface IssuedReportsTable {
  id: string;
  kind: 'un' | 'issg';
  /** YYYY-MM-DD as written (date columns are read back as text, see db/connection.ts). */
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  language: 'en' | 'ar' | 'ru' | 'tr' | 'fa';
  version: number;
  checkpoint_size: number;
  checkpoint_root: Uint8Array;
  issued_by: string;
  issued_org: string;
  issued_at: Timestamp;
  document: Json<unknown>;
  annex: Json<unknown>;
  pdf: Uint8Array;
  pdf_sha256: string;
  pdf_pages: number;
  log_entry_id: number;
}

export interface PublicationTables {
  issued_reports: IssuedReportsTable;
}
