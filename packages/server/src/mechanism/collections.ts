import { type Static, Type, type TObject } from '@sinclair/typebox';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely, Selectable } from 'kysely';
import { canonicalJson, sha256, toBase64, utf8 } from '@truce/core/log/index';
import { boundingBox, extractZoneGeometry, type ZoneGeometry } from '@truce/core/mechanism/geojson';
import { cleanLabels, type Labels } from '@truce/core/mechanism/labels';
import type { Database } from '../db/index.ts';
import { badRequest, conflict, type FieldError } from '../errors/index.ts';
import { Version } from '../http/index.ts';
import * as store from './store.ts';
import {
  type AcledEventType,
  Agreement,
  AgreementFields,
  ExcludedGroup,
  ExcludedGroupFields,
  ViolationType,
  ViolationTypeFields,
  Zone,
  ZoneFields,
} from './schema.ts';

/**
 * The parts of the mechanism's set-up that are lists of things (C1): agreements,
 * groups excluded from the ceasefire, zones of application and the violation taxonomy.
 * Each is described once here — its fields, how input becomes a row, how a row is
 * shown — and served by the same create / update / list use cases in routes.ts.
 */
export type CollectionTable = 'agreements' | 'excluded_groups' | 'zones' | 'taxonomy';
type Row = store.CollectionRow;

export interface CollectionSpec<Shown extends TObject = TObject> {
  path: string;
  table: CollectionTable;
  noun: string;
  logType: string;
  /** What a client sends (all on create, some on update): schema.ts. */
  fields: TObject;
  /** What is answered for one item: schema.ts. */
  shown: Shown;
  /** Turns validated input (all fields on create, some on update) into columns; throws 400s. */
  toColumns(input: Record<string, unknown>, db: Kysely<Database>, current?: Row): Promise<Record<string, unknown>>;
  present(row: Row): Static<Shown>;
  order: string;
}

const fail = (detail: string, ...errors: FieldError[]): never => {
  throw badRequest(detail, errors);
};

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

function requireText(input: Record<string, unknown>, field: string, what: string) {
  if (input[field] !== undefined && trimmed(input[field]) === '') fail(`${what} must not be blank.`, { path: `/body/${field}`, message: 'must not be blank' });
}

// C0 and C1 control characters (line breaks and tabs included): a label is one line in a
// table cell, a CSV header or a PDF row, where such a character breaks or hides the text.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * The labels an item gets from its input (issue 16): `labels` replaces the whole set; the
 * older single field (`label`, `name`, `shortName`) changes the English one and keeps the
 * translations. Returns null when neither is sent (an update that leaves them alone).
 * `englishDefault`, when given, stands for a blank English label (a short name defaults to
 * the name); without it a blank English label is refused.
 */
export function labelsFrom(
  input: Record<string, unknown>,
  o: { single: string; current: Labels | null; field?: string; base?: string; englishDefault?: string },
): Labels | null {
  const field = o.field ?? 'labels';
  const base = o.base ?? '/body';
  const sent = input[field] as Record<string, string | undefined> | undefined;
  if (sent !== undefined) {
    for (const [lang, text] of Object.entries(sent)) {
      if (text !== undefined && CONTROL.test(text))
        fail(`The ${lang} label must not contain control characters (line breaks, tabs).`, {
          path: `${base}/${field}/${lang}`,
          message: 'must not contain control characters (line breaks, tabs)',
        });
    }
    const labels = cleanLabels(sent);
    if (labels.en === '' && o.englishDefault !== undefined) labels.en = o.englishDefault;
    if (labels.en === '') fail('The English label must not be blank.', { path: `${base}/${field}/en`, message: 'must not be blank' });
    return labels;
  }
  const text = input[o.single];
  if (text === undefined) {
    if (o.current) return null;
    if (o.englishDefault !== undefined) return { en: o.englishDefault };
    return fail(`The ${o.single} is required: send ${field} (at least ${field}.en).`, { path: `${base}/${field}`, message: 'is required' });
  }
  if (typeof text === 'string' && CONTROL.test(text))
    fail(`The ${o.single} must not contain control characters (line breaks, tabs).`, {
      path: `${base}/${o.single}`,
      message: 'must not contain control characters (line breaks, tabs)',
    });
  const en = String(text).trim() || o.englishDefault || '';
  if (en === '') fail(`The ${o.single} must not be blank.`, { path: `${base}/${o.single}`, message: 'must not be blank' });
  return { ...(o.current ?? {}), en };
}

/** Labels as stored, with the English one from the older column: rows written before 0035, or by code that only knows that column, stay right. */
export function storedLabels(labels: unknown, english: string): Labels {
  const stored = labels && typeof labels === 'object' ? (labels as Record<string, string>) : {};
  return { ...cleanLabels(stored), en: english };
}

/** A row as the table holds it (the query builder is untyped where the table varies: collection-service.ts). */
const rowOf = <T>(row: Row) => row as unknown as Selectable<T>;

const agreements: CollectionSpec<typeof Agreement> = {
  path: 'agreements',
  table: 'agreements',
  noun: 'agreement',
  logType: 'agreement',
  order: 'signed_on',
  fields: AgreementFields,
  shown: Agreement,
  async toColumns(input, db, current) {
    requireText(input, 'title', 'The title');
    const from = (input.effectiveFrom ?? current?.effective_from) as string;
    const to = input.effectiveTo !== undefined ? (input.effectiveTo as string | null) : ((current?.effective_to as string | null) ?? null);
    if (to !== null && to < from)
      fail('The agreement cannot end before it takes effect.', { path: '/body/effectiveTo', message: `must be on or after effectiveFrom (${from})` });
    const columns: Record<string, unknown> = {};
    if (input.title !== undefined) columns.title = trimmed(input.title);
    if (input.terms !== undefined) columns.terms = input.terms;
    if (input.signedOn !== undefined) columns.signed_on = input.signedOn;
    if (input.effectiveFrom !== undefined) columns.effective_from = input.effectiveFrom;
    if (input.effectiveTo !== undefined) columns.effective_to = input.effectiveTo;
    if (!current && input.terms === undefined) columns.terms = '';
    if (input.signatoryIds !== undefined || !current) {
      const ids = (input.signatoryIds ?? []) as string[];
      if (ids.length > 0) {
        const found = await store.organisationKinds(db, ids);
        ids.forEach((id, i) => {
          const org = found.find((o) => o.id === id);
          if (!org) fail('A signatory is not a known organisation.', { path: `/body/signatoryIds/${i}`, message: 'unknown organisation' });
          if (!['party', 'guarantor'].includes(org!.kind))
            fail('Signatories are parties and guarantors.', { path: `/body/signatoryIds/${i}`, message: `is a ${org!.kind}` });
        });
      }
      columns.signatory_ids = JSON.stringify(ids);
    }
    return columns;
  },
  present: (row) => {
    const r = rowOf<Database['agreements']>(row);
    return {
      id: r.id,
      title: r.title,
      terms: r.terms,
      signedOn: r.signed_on,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      signatoryIds: r.signatory_ids,
      version: r.version,
    };
  },
};

const excludedGroups: CollectionSpec<typeof ExcludedGroup> = {
  path: 'excluded-groups',
  table: 'excluded_groups',
  noun: 'excluded group',
  logType: 'excluded_group',
  order: 'name',
  fields: ExcludedGroupFields,
  shown: ExcludedGroup,
  async toColumns(input, _db, current) {
    requireText(input, 'name', 'The name');
    const columns: Record<string, unknown> = {};
    const labels = labelsFrom(input, { single: 'name', current: current ? storedLabels(current.labels, current.name as string) : null });
    if (labels) Object.assign(columns, { name: labels.en, labels: JSON.stringify(labels) });
    if (input.aliases !== undefined || !current) columns.aliases = JSON.stringify(((input.aliases ?? []) as string[]).map((a) => a.trim()).filter(Boolean));
    if (input.note !== undefined || !current) columns.note = input.note ?? '';
    return columns;
  },
  present: (row) => {
    const r = rowOf<Database['excluded_groups']>(row);
    return { id: r.id, name: r.name, labels: storedLabels(r.labels, r.name), aliases: r.aliases, note: r.note, version: r.version };
  },
};

const zones: CollectionSpec<typeof Zone> = {
  path: 'zones',
  table: 'zones',
  noun: 'zone',
  logType: 'zone',
  order: 'name',
  fields: ZoneFields,
  shown: Zone,
  async toColumns(input, _db, current) {
    requireText(input, 'name', 'The name');
    const columns: Record<string, unknown> = {};
    const labels = labelsFrom(input, { single: 'name', current: current ? storedLabels(current.labels, current.name as string) : null });
    if (labels) Object.assign(columns, { name: labels.en, labels: JSON.stringify(labels) });
    if (input.description !== undefined || !current) columns.description = input.description ?? '';
    if (input.geometry !== undefined) {
      const { geometry, error } = extractZoneGeometry(input.geometry);
      if (error)
        fail(`The zone's geometry is not valid GeoJSON: ${error.message} (at geometry${error.path}).`, {
          path: '/body/geometry' + error.path,
          message: error.message,
        });
      columns.geometry = JSON.stringify(geometry);
    }
    return columns;
  },
  present: (row) => {
    const r = rowOf<Database['zones']>(row);
    const geometry = r.geometry as ZoneGeometry;
    return {
      id: r.id,
      name: r.name,
      labels: storedLabels(r.labels, r.name),
      description: r.description,
      geometry,
      bbox: boundingBox(geometry),
      version: r.version,
    };
  },
};

const taxonomy: CollectionSpec<typeof ViolationType> = {
  path: 'taxonomy',
  table: 'taxonomy',
  noun: 'violation type',
  logType: 'taxonomy',
  order: 'sort_order',
  fields: ViolationTypeFields,
  shown: ViolationType,
  async toColumns(input, db, current) {
    requireText(input, 'label', 'The label');
    if (input.code !== undefined && input.code !== current?.code) {
      const taken = await store.violationTypeByCode(db, input.code as string);
      if (taken) throw conflict(`The code "${input.code}" is used by another violation type.`, 'duplicate_code');
    }
    const columns: Record<string, unknown> = {};
    if (input.code !== undefined) columns.code = input.code;
    const labels = labelsFrom(input, { single: 'label', current: current ? storedLabels(current.labels, current.label as string) : null });
    if (labels) Object.assign(columns, { label: labels.en, labels: JSON.stringify(labels) });
    if (input.description !== undefined || !current) columns.description = input.description ?? '';
    if (input.acledEventType !== undefined) columns.acled_event_type = input.acledEventType;
    if (input.acledSubEventType !== undefined) columns.acled_sub_event_type = trimmed(input.acledSubEventType);
    if (input.active !== undefined || !current) columns.active = input.active ?? true;
    if (!current) {
      columns.sort_order = (await store.lastTaxonomyPlace(db)) + 1;
    }
    return columns;
  },
  present: (row) => {
    const r = rowOf<Database['taxonomy']>(row);
    return {
      id: r.id,
      code: r.code,
      label: r.label,
      labels: storedLabels(r.labels, r.label),
      description: r.description,
      acledEventType: r.acled_event_type as AcledEventType,
      acledSubEventType: r.acled_sub_event_type,
      active: r.active,
      version: r.version,
    };
  },
};

export const COLLECTIONS: readonly CollectionSpec[] = [agreements, excludedGroups, zones, taxonomy];

/** Versioned update body: every field optional, plus the version edited. */
export function updateSchema(spec: CollectionSpec) {
  return Type.Composite([Type.Partial(spec.fields), Type.Object({ version: Version })], { additionalProperties: false });
}

export function createSchema(spec: CollectionSpec) {
  return Type.Composite([spec.fields], { additionalProperties: false });
}

/**
 * Set-up data is public to every participant, so it enters the log in clear — except
 * zone geometries, which can be large: the log keeps the SHA-256 of their canonical JSON
 * (no salt is needed for public data that anyone can re-hash).
 */
export function publicData(shown: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _v, geometry, bbox: _bbox, ...rest } = shown;
  return geometry === undefined ? rest : { ...rest, geometrySha256: toBase64(sha256(utf8(canonicalJson(geometry)))) };
}

export const newId = () => uuidv7();
export type { Row as CollectionRow };
