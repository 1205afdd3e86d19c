import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES, SEXES, type PersonRecord } from '@truce/core/detainees/person';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { usePersonChange, useReloadDetainees } from './api.ts';
import { useDetaineeText } from './labels.ts';

type Draft = Record<Exclude<keyof PersonRecord, 'birthYear'>, string> & { birthYear: string };

const NAME_FIELDS = ['fullName', 'givenName', 'fatherName', 'grandfatherName', 'familyName', 'motherName'] as const;
const TEXT_FIELDS = ['birthPlace', 'detainedAt'] as const;

function draftOf(p: PersonRecord | null): Draft {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    ref: s(p?.ref),
    fullName: s(p?.fullName),
    givenName: s(p?.givenName),
    fatherName: s(p?.fatherName),
    grandfatherName: s(p?.grandfatherName),
    familyName: s(p?.familyName),
    motherName: s(p?.motherName),
    sex: s(p?.sex),
    birthDate: s(p?.birthDate),
    birthYear: s(p?.birthYear),
    birthPlace: s(p?.birthPlace),
    nationalId: s(p?.nationalId),
    detainedOn: s(p?.detainedOn),
    detainedAt: s(p?.detainedAt),
    category: s(p?.category),
    notes: s(p?.notes),
  };
}

/** The record to send: empty fields become null (unknown); the server cleans and checks the rest as it does a file's rows. */
export function recordOf(d: Draft): PersonRecord {
  const v = (s: string) => (s.trim() === '' ? null : s.trim());
  const year = d.birthYear.trim();
  return {
    ref: d.ref.trim(),
    fullName: v(d.fullName),
    givenName: v(d.givenName),
    fatherName: v(d.fatherName),
    grandfatherName: v(d.grandfatherName),
    familyName: v(d.familyName),
    motherName: v(d.motherName),
    sex: (v(d.sex) as PersonRecord['sex']) ?? null,
    birthDate: v(d.birthDate),
    birthYear: year === '' ? null : Number(year),
    birthPlace: v(d.birthPlace),
    nationalId: v(d.nationalId),
    detainedOn: v(d.detainedOn),
    detainedAt: v(d.detainedAt),
    category: (v(d.category) as PersonRecord['category']) ?? null,
    notes: d.notes.trim() === '' ? null : d.notes,
  };
}

/** "/body/person/fatherName" → "fatherName"; "/body/note" → "note". */
const fieldOfPath = (path: string) =>
  path
    .split('/')
    .filter(Boolean)
    .filter((p) => p !== 'body' && p !== 'person')[0] ?? '';

/**
 * Adding a person to a list, or changing one, by form: a new version of the list with that
 * one difference, sent with the list's version the user saw (409 when someone saved first).
 */
export function PersonForm({
  listId,
  listVersion,
  person,
  onDone,
  onCancel,
}: {
  listId: string;
  listVersion: number;
  person: PersonRecord | null;
  onDone: (ref: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const text = useDetaineeText();
  const [d, setD] = useState<Draft>(() => draftOf(person));
  const [note, setNote] = useState('');
  const form = useFormProblem({ duplicate_ref: { field: 'ref', message: t('detainees.person.duplicateRef') } }, fieldOfPath);
  const change = usePersonChange(listId);
  const reload = useReloadDetainees();
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setD((x) => ({ ...x, [k]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const hasName = NAME_FIELDS.some((f) => d[f].trim());
    const year = d.birthYear.trim();
    if (
      form.invalid({
        ref: !d.ref.trim() && t('validation.required'),
        fullName: !hasName && t('detainees.person.needName'),
        birthYear: year !== '' && !/^(19|20)\d\d$/.test(year) && t('detainees.person.badYear'),
      })
    )
      return;
    const record = recordOf(d);
    change.mutate(
      person
        ? { mode: 'change', version: listVersion, person: record, note: note.trim() }
        : { mode: 'add', version: listVersion, person: record, note: note.trim() },
      {
        onSuccess: () => onDone(record.ref),
        onError: form.fail,
      },
    );
  };

  const input = (k: keyof Draft, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={label} value={d[k]} onChange={set(k)} error={form.error(k)} data-testid={`person-${k}`} {...extra} />
  );

  return (
    <form onSubmit={submit} noValidate data-testid="person-form">
      <Stack gap="sm">
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void reload();
            onCancel();
          }}
        />
        <Text size="sm" c="dimmed">
          {t('detainees.person.formHelp')}
        </Text>
        {input('ref', t('detainees.field.ref'), { required: true, disabled: !!person, dir: 'ltr', maxLength: 100 })}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {NAME_FIELDS.map((f) => (
            <div key={f}>{input(f, text.field(f), { dir: 'auto', maxLength: 200 })}</div>
          ))}
          <NativeSelect
            label={t('detainees.field.sex')}
            value={d.sex}
            onChange={set('sex')}
            error={form.error('sex')}
            data={[{ value: '', label: t('detainees.person.unknown') }, ...SEXES.map((s) => ({ value: s, label: text.sex(s) }))]}
            data-testid="person-sex"
          />
          <NativeSelect
            label={t('detainees.field.category')}
            value={d.category}
            onChange={set('category')}
            error={form.error('category')}
            data={[{ value: '', label: t('detainees.person.unknown') }, ...PERSON_CATEGORIES.map((c) => ({ value: c, label: text.category(c) }))]}
            data-testid="person-category"
          />
          {input('birthDate', t('detainees.field.birthDate'), { type: 'date', dir: 'ltr' })}
          {input('birthYear', t('detainees.field.birthYear'), { inputMode: 'numeric', dir: 'ltr', maxLength: 4 })}
          {TEXT_FIELDS.map((f) => (
            <div key={f}>{input(f, text.field(f), { dir: 'auto', maxLength: 200 })}</div>
          ))}
          {input('detainedOn', t('detainees.field.detainedOn'), { type: 'date', dir: 'ltr' })}
          {input('nationalId', t('detainees.field.nationalId'), { dir: 'ltr', inputMode: 'numeric', maxLength: 40 })}
        </SimpleGrid>
        <Textarea
          label={t('detainees.field.notes')}
          autosize
          minRows={2}
          dir="auto"
          maxLength={2000}
          value={d.notes}
          onChange={set('notes')}
          error={form.error('notes')}
          data-testid="person-notes"
        />
        <Textarea
          label={t('detainees.person.changeNote')}
          description={t('detainees.person.changeNoteHelp')}
          autosize
          minRows={1}
          dir="auto"
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={form.error('note')}
          data-testid="person-change-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending} data-testid="person-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Taking a person off the list, with the reason: a new version; earlier versions keep them. */
export function RemovePersonForm({
  listId,
  listVersion,
  personRef,
  onDone,
  onCancel,
}: {
  listId: string;
  listVersion: number;
  personRef: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const change = usePersonChange(listId);
  const reload = useReloadDetainees();
  return (
    <ReasonForm
      explain={t('detainees.person.removeExplain')}
      label={t('detainees.person.removeReason')}
      submitLabel={t('detainees.person.remove')}
      submitColor="red"
      testIds={{ form: 'person-remove-form', reason: 'person-remove-reason', submit: 'person-remove-submit' }}
      sending={change.isPending}
      send={(reason, onError) => change.mutate({ mode: 'remove', version: listVersion, ref: personRef, note: reason }, { onSuccess: onDone, onError })}
      onReload={() => {
        void reload();
        onCancel();
      }}
      onCancel={onCancel}
    />
  );
}
