import { useTranslation } from 'react-i18next';
import { CANONICAL_COLUMNS, COLUMN_FIELD, type CanonicalColumn, type PersonRecord } from '@truce/core/detainees/person';
import type { PersonStatus } from '@truce/core/detainees/status';
import type { ComparisonOutcome, ExchangeState, ListKind, PersonOutcome } from './api.ts';

/** Colours of a person's status; a badge always carries the status's name too. */
export const STATUS_COLOUR: Record<PersonStatus, string> = {
  listed: 'gray',
  matched: 'blue',
  proposed: 'cyan',
  approved: 'indigo',
  released: 'teal',
  confirmed: 'green',
  declined: 'orange',
  not_found: 'yellow',
  deceased: 'dark',
};

export const OUTCOME_COLOUR: Record<PersonOutcome, string> = { pending: 'gray', ...STATUS_COLOUR } as Record<PersonOutcome, string>;

export const EXCHANGE_COLOUR: Record<ExchangeState, string> = {
  proposed: 'blue',
  approved: 'indigo',
  endorsed: 'grape',
  completed: 'green',
  withdrawn: 'gray',
};

/** How a compared field came out: a colour, and a sign that says the same without colour. */
export const COMPARISON_LOOK: Record<ComparisonOutcome, { colour: string; sign: string }> = {
  agree: { colour: 'green', sign: '✓' },
  similar: { colour: 'yellow', sign: '≈' },
  conflict: { colour: 'red', sign: '✗' },
  missing: { colour: 'gray', sign: '–' },
};

export const KIND_COLOUR: Record<ListKind, string> = { held: 'orange', sought: 'violet' };

/** The record field a canonical column (or a matcher's field name) fills; null for a name the app does not know. */
export function fieldOfColumn(column: string): keyof PersonRecord | null {
  return (CANONICAL_COLUMNS as readonly string[]).includes(column) ? COLUMN_FIELD[column as CanonicalColumn] : null;
}

/** The fields of a record in the order a list's columns go. */
export const PERSON_FIELDS = CANONICAL_COLUMNS.map((c) => COLUMN_FIELD[c]);

/** Words for the parts of lists, persons and exchanges, in the reader's language. */
export function useDetaineeText() {
  const { t } = useTranslation();
  return {
    status: (s: string) => t(`detainees.status.${s}`, { defaultValue: s }),
    outcome: (o: string) => (o === 'pending' ? t('detainees.outcome.pending') : t(`detainees.status.${o}`, { defaultValue: o })),
    kind: (k: ListKind) => t(`detainees.kind.${k}`),
    field: (f: keyof PersonRecord | string) => t(`detainees.field.${f}`, { defaultValue: f }),
    /** A canonical column or matcher field by its label; unknown names shown as they come. */
    column: (c: string) => {
      const f = fieldOfColumn(c);
      return f ? t(`detainees.field.${f}`) : c;
    },
    category: (c: string | null | undefined) => (c ? t(`detainees.category.${c}`, { defaultValue: c }) : ''),
    sex: (s: string | null | undefined) => (s ? t(`detainees.sex.${s}`, { defaultValue: s }) : ''),
    exchangeState: (s: ExchangeState) => t(`detainees.exchangeState.${s}`),
    mode: (m: string) => t(`detainees.mode.${m}`, { defaultValue: m }),
    comparison: (o: ComparisonOutcome) => t(`detainees.comparison.${o}`),
  };
}
export type DetaineeText = ReturnType<typeof useDetaineeText>;

/** A record's value as text: categories and sex in the reader's language, others as written. */
export function valueText(text: DetaineeText, field: keyof PersonRecord, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (field === 'category') return text.category(String(value));
  if (field === 'sex') return text.sex(String(value));
  return String(value);
}
