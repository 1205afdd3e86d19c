import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The witnesses the server asks to cosign (0030); see cosigning/. */
export interface LogWitnessesTable {
  name: string;
  url: string;
  vkey: string;
  position: number;
  known_size: Generated<number>;
  last_cosigned_size: number | null;
  last_cosigned_at: Timestamp | null;
  last_error: string | null;
  failures: Generated<number>;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
}

export interface LogWitnessQuorumTable {
  id: number;
  k: number;
  updated_at: Timestamp;
}

export interface LogCosignaturesTable {
  size: number;
  witness: string;
  line: string;
  cosigned_at: Timestamp;
}

export interface WitnessTables {
  log_witnesses: LogWitnessesTable;
  log_witness_quorum: LogWitnessQuorumTable;
  log_cosignatures: LogCosignaturesTable;
}
