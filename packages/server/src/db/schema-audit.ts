import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Stored files found damaged (0029); see audit/damage.ts. */
export interface StoredDamageTable {
  kind: 'evidence' | 'publication_pdf';
  key: string;
  detail: string;
  first_seen: Timestamp;
  last_seen: Timestamp;
}

/** The background scrub's results (0029); see audit/scrub.ts. */
export interface AuditRunsTable {
  id: Generated<number>;
  started_at: Timestamp;
  finished_at: Timestamp;
  checked: Json<Record<string, number>>;
  total: number;
  mismatches: Json<unknown[]>;
}

export interface AuditTables {
  stored_damage: StoredDamageTable;
  audit_runs: AuditRunsTable;
}
