import { sql, type Kysely } from 'kysely';
import { FOLD_FROM, FOLD_TO } from '@truce/core/search/fold';

/**
 * Search (issue 16): full-text indexes that cannot fall out of step with the data
 * (PostgreSQL maintains them in the writing transaction), and a vocabulary of indexed words
 * for typo tolerance (pg_trgm).
 *
 * - truce_search_fold(text): the fold of @truce/core/search/fold (the same table, through
 *   translate(); immutable, so usable in an index). Changing the fold in the core later
 *   needs a migration that replaces this function and recomputes what is built on it; the
 *   search test checks that the two agree.
 * - report_versions.search: what a report is found by, a stored generated column — its
 *   description, its place name unless the reporter sealed the place, and the names of its
 *   governorate and district (which every reader of the report sees); never its sources.
 *   Stored rather than an expression index because ranking reads it again for every
 *   candidate, and folding costs (translate() walks its table for each character).
 * - truce_search_plain(text): a meeting's title and venue, a decision's text (few rows: expression indexes).
 * - search_words: every word indexed, kept by triggers in the writing transaction; a
 *   query's misspelt word is looked up there by trigram similarity and searched as the
 *   indexed words it resembles. A word stays after its text changes: it then finds nothing.
 *
 * On a database that already holds reports, adding the column computes it for every version once.
 */
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  // Functions called inside index expressions are named with their schema: PostgreSQL 17 and
  // later (the embedded engine is 18) build and maintain indexes with a search_path of pg_catalog only.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const fold = sql.raw(`${ident(rows[0].schema)}.truce_search_fold`);
  await sql
    .raw(
      `create function truce_search_fold(t text) returns text language sql immutable strict parallel safe
       as $$ select translate(t, ${literal(FOLD_FROM)}, ${literal(FOLD_TO)}) $$`,
    )
    .execute(db);
  await sql`
    create function truce_search_report(content jsonb, areas jsonb) returns tsvector language sql immutable parallel safe
    as $$ select to_tsvector('simple'::regconfig, ${fold}(
      coalesce(content->>'description', '') || ' ' ||
      case when coalesce((content->>'sealLocation')::boolean, false) then '' else coalesce(content#>>'{location,placeName}', '') end || ' ' ||
      coalesce(areas#>>'{adm1,nameEn}', '') || ' ' || coalesce(areas#>>'{adm1,nameAr}', '') || ' ' ||
      coalesce(areas#>>'{adm2,nameEn}', '') || ' ' || coalesce(areas#>>'{adm2,nameAr}', ''))) $$`.execute(db);
  await sql`
    create function truce_search_plain(t text) returns tsvector language sql immutable parallel safe
    as $$ select to_tsvector('simple'::regconfig, ${fold}(coalesce(t, ''))) $$`.execute(db);

  await sql`alter table report_versions add column search tsvector generated always as (truce_search_report(content, areas)) stored`.execute(db);
  await sql`create index report_versions_search on report_versions using gin (search)`.execute(db);
  await sql`create index meetings_search on meetings using gin (truce_search_plain(title || ' ' || venue))`.execute(db);
  await sql`create index meeting_decisions_search on meeting_decisions using gin (truce_search_plain(text))`.execute(db);

  await sql`create table search_words (word text primary key)`.execute(db);
  await sql`create index search_words_trgm on search_words using gin (word gin_trgm_ops)`.execute(db);
  // Words longer than 60 characters are no one's typing: left out of the vocabulary.
  // Words in order: two filings adding the same new words cannot then wait for each other crosswise.
  await sql`
    create function truce_search_learn(v tsvector) returns void language sql volatile
    as $$ insert into search_words (word) select w from unnest(tsvector_to_array(v)) w where length(w) <= 60 order by w on conflict do nothing $$`.execute(db);
  await sql`
    create function truce_search_learn_reports() returns trigger language plpgsql as $$
    begin
      insert into search_words (word)
        select distinct w from added, unnest(tsvector_to_array(added.search)) w where length(w) <= 60 order by w
        on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger report_versions_search_words after insert on report_versions
    referencing new table as added for each statement execute function truce_search_learn_reports()`.execute(db);
  await sql`
    create function truce_search_learn_meetings() returns trigger language plpgsql as $$
    begin perform truce_search_learn(truce_search_plain(new.title || ' ' || new.venue)); return null; end $$`.execute(db);
  await sql`create trigger meetings_search_words after insert or update of title, venue on meetings for each row execute function truce_search_learn_meetings()`.execute(
    db,
  );
  await sql`
    create function truce_search_learn_decisions() returns trigger language plpgsql as $$
    begin perform truce_search_learn(truce_search_plain(new.text)); return null; end $$`.execute(db);
  await sql`create trigger meeting_decisions_search_words after insert or update of text on meeting_decisions for each row execute function truce_search_learn_decisions()`.execute(
    db,
  );
  // The words of what the database already holds.
  await sql`insert into search_words (word)
    select w from report_versions, unnest(tsvector_to_array(search)) w where length(w) <= 60
    union select w from meetings, unnest(tsvector_to_array(truce_search_plain(title || ' ' || venue))) w where length(w) <= 60
    union select w from meeting_decisions, unnest(tsvector_to_array(truce_search_plain(text))) w where length(w) <= 60
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger meeting_decisions_search_words on meeting_decisions`.execute(db);
  await sql`drop trigger meetings_search_words on meetings`.execute(db);
  await sql`drop trigger report_versions_search_words on report_versions`.execute(db);
  await sql`drop function truce_search_learn_decisions(), truce_search_learn_meetings(), truce_search_learn_reports(), truce_search_learn(tsvector)`.execute(
    db,
  );
  await sql`drop table search_words`.execute(db);
  await sql`drop index meeting_decisions_search`.execute(db);
  await sql`drop index meetings_search`.execute(db);
  await sql`alter table report_versions drop column search`.execute(db);
  await sql`drop function truce_search_plain(text), truce_search_report(jsonb, jsonb), truce_search_fold(text)`.execute(db);
}
