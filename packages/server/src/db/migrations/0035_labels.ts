import { sql, type Kysely } from 'kysely';

/**
 * Vocabularies in five languages (issue 16): violation types, organisations (name and
 * short name), excluded groups and zones get a label per interface language, as JSON
 * `{ "en": …, "ar": …, "ru": …, "tr": …, "fa": … }`. The single columns they had (label,
 * name, short_name) stay and keep the English label, so what reads them keeps working;
 * existing items start with that English label and no translation.
 */
const TABLES = [
  { table: 'taxonomy', english: 'label' },
  { table: 'excluded_groups', english: 'name' },
  { table: 'zones', english: 'name' },
  { table: 'organisations', english: 'name' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, english } of TABLES) {
    await sql`alter table ${sql.table(table)} add column labels jsonb not null default '{}'::jsonb`.execute(db);
    await sql`update ${sql.table(table)} set labels = jsonb_build_object('en', ${sql.ref(english)})`.execute(db);
  }
  await sql`alter table organisations add column short_labels jsonb not null default '{}'::jsonb`.execute(db);
  await sql`update organisations set short_labels = jsonb_build_object('en', short_name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisations drop column short_labels`.execute(db);
  for (const { table } of TABLES) await sql`alter table ${sql.table(table)} drop column labels`.execute(db);
}
