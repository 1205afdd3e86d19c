import { useCallback, useRef, useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useLimits } from '../api/limits.ts';
import { contentOf, useReloadReports, useSaveReport, type Report } from './api.ts';
import { changedFields, emptyForm, formFromContent, reportField, toContent, validate, type FormState } from './formState.ts';
import { useLookups } from './labels.ts';
import { CasualtiesSection } from './sections/CasualtiesSection.tsx';
import { DescriptionSection } from './sections/DescriptionSection.tsx';
import { EvidenceSection } from './sections/EvidenceSection.tsx';
import { SourcesSection } from './sections/SourcesSection.tsx';
import { WhatSection, WhoSection } from './sections/WhatWhoSection.tsx';
import { WhenSection } from './sections/WhenSection.tsx';
import { WhereSection } from './sections/WhereSection.tsx';
import { useLeaveGuard } from './useLeaveGuard.ts';
import { mechanismToday } from '../app/clock.ts';

interface Props {
  /** The report to correct; absent for a new report. */
  report?: Report;
  onDone: (saved: Report) => void;
  onCancel?: () => void;
}

/**
 * The report form, in sections that follow one another on a phone: when, where, what,
 * who, casualties, description, sources, evidence. A correction starts from the report's
 * latest version and asks what was changed and why.
 */
export function ReportForm({ report, onDone, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const lookups = useLookups();
  const [state, setState] = useState<FormState>(() => (report ? formFromContent(contentOf(report)) : emptyForm(i18n.language)));
  const [changeNote, setChangeNote] = useState('');
  const [uploading, setUploading] = useState(false);
  const form = useFormProblem({}, reportField);
  const save = useSaveReport(report);
  const limits = useLimits();
  const reload = useReloadReports();
  const formRef = useRef<HTMLFormElement>(null);

  // A field's message goes once the field is changed; the next send checks again.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(state);
  latest.current = state;
  // Work typed and not yet saved is not left behind without a question.
  const unsaved = useRef(false);
  useLeaveGuard(
    useCallback(() => unsaved.current, []),
    t('reports.form.leaveConfirm'),
  );
  const set = useCallback((patch: Partial<FormState> | ((s: FormState) => Partial<FormState>)) => {
    unsaved.current = true;
    const changes = typeof patch === 'function' ? patch(latest.current) : patch;
    const fields = changedFields(latest.current, changes);
    if (fields.length > 0) setEdited((e) => new Set([...e, ...fields]));
    setState((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }));
  }, []);
  const error = (field: string) => (edited.has(field) ? undefined : form.error(field));

  // On a phone the first field at fault may be far above the button: bring it into view.
  const showFirstError = () =>
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-testid="problem"]');
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) el.focus({ preventScroll: true });
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const errors = validate(
      state,
      mechanismToday(),
      {
        required,
        notDate: t('validation.date'),
        future: t('reports.form.future'),
        latitude: t('reports.form.latRange'),
        longitude: t('reports.form.lonRange'),
        count: t('validation.range', { min: 0, max: 100000 }),
        tooLong: t('reports.form.tooLong'),
      },
      limits.textMaxChars,
    );
    if (report && !changeNote.trim()) errors.changeNote = required;
    setEdited(new Set());
    if (form.invalid(errors)) return showFirstError();
    save.mutate(
      { content: toContent(state), changeNote: changeNote.trim() },
      {
        onSuccess: (saved) => {
          unsaved.current = false;
          onDone(saved);
        },
        onError: (err) => {
          setEdited(new Set());
          form.fail(err);
          showFirstError();
        },
      },
    );
  };

  if (lookups.pending) return <Loading />;
  const section = { state, set, error };
  const hasErrors = Object.keys(form.fields).some((f) => !edited.has(f));

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="report-form">
      <Stack gap="md" maw={760}>
        <ProblemAlert error={lookups.error} />
        <WhenSection {...section} />
        <WhereSection {...section} />
        <WhatSection {...section} lookups={lookups} />
        <WhoSection {...section} lookups={lookups} />
        <CasualtiesSection {...section} />
        <DescriptionSection {...section} />
        <SourcesSection {...section} />
        <EvidenceSection {...section} onBusy={setUploading} />
        {report && (
          <Textarea
            label={t('reports.correct.changeNote')}
            description={t('reports.correct.changeNoteHelp')}
            required
            autosize
            minRows={2}
            dir="auto"
            value={changeNote}
            onChange={(e) => {
              setChangeNote(e.currentTarget.value);
              setEdited((x) => new Set([...x, 'changeNote']));
            }}
            error={error('changeNote')}
            data-testid="report-change-note"
          />
        )}
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void reload();
            onCancel?.();
          }}
        />
        {hasErrors && !form.problem && (
          <Text size="sm" c="red" role="alert">
            {t('reports.form.fixFields')}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending} disabled={uploading} w={{ base: '100%', xs: 'auto' }} data-testid="report-submit">
            {uploading ? t('reports.form.waitUploads') : report ? t('reports.correct.submit') : t('reports.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
