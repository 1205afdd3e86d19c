import { useLimits } from '../api/limits.ts';
import { useCallback, useState, type FormEvent } from 'react';
import { Button, Fieldset, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { EvidencePicker } from '../evidence/EvidencePicker.tsx';
import type { EvidenceItem } from '../evidence/api.ts';
import {
  sendAssessment,
  sendEndReplyPeriod,
  sendReopen,
  sendReply,
  useIncidentAction,
  useReloadIncidents,
  VERIFICATION_OPTIONS,
  type Attribution,
  type Incident,
  type Verification,
} from './api.ts';

/**
 * The accused party's reply: its text and, optionally, evidence files chosen here — each
 * uploaded as soon as it is chosen (as in the report form), then sent as SHA-256 with the
 * reply. The server takes only files this party uploaded.
 */
export function ReplyForm({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { t } = useTranslation();
  const { textMaxChars } = useLimits();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<EvidenceItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const form = useFormProblem({
    deadline_passed: { field: 'text', message: t('incidents.reply.deadlinePassed') },
    reply_period_ended: { field: 'text', message: t('incidents.reply.periodEnded') },
  });
  const reply = useIncidentAction(sendReply(incident.id), onDone);
  const setItems = useCallback((update: (items: EvidenceItem[]) => EvidenceItem[]) => setFiles(update), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ text: !text.trim() && t('validation.required'), evidence: uploading && t('incidents.reply.stillUploading') })) return;
    reply.mutate({ text: text.trim(), evidence: files.map((f) => f.sha256) }, { onError: form.fail });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="incident-reply-form">
      <Stack gap="sm">
        <Text size="sm">{t('incidents.reply.explain')}</Text>
        <ProblemAlert error={form.problem} />
        <Textarea
          label={t('incidents.reply.text')}
          required
          autosize
          minRows={4}
          dir="auto"
          maxLength={textMaxChars}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={form.error('text')}
          data-testid="incident-reply-text"
        />
        <Fieldset legend={t('incidents.reply.files')} data-testid="incident-reply-files">
          <Text size="xs" c="dimmed" mb="sm">
            {t('incidents.reply.filesHelp')}
          </Text>
          <EvidencePicker items={files} setItems={setItems} onBusy={setUploading} testId="incident-reply" />
          {form.error('evidence') && (
            <Text size="xs" c="red" mt={4}>
              {form.error('evidence')}
            </Text>
          )}
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={reply.isPending} disabled={uploading} data-testid="incident-reply-submit">
            {t('incidents.reply.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A guarantor's assessment, in two questions kept apart: first whether the violation is
 * established (verification), then — only if corroborated — who is responsible (attribution).
 */
export function AssessForm({ incident, parties, onDone }: { incident: Incident; parties: { id: string; name: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { textMaxChars } = useLimits();
  const [verification, setVerification] = useState<Verification | ''>('');
  const [kind, setKind] = useState<Attribution['kind'] | ''>('');
  const [other, setOther] = useState('');
  const [reasoning, setReasoning] = useState('');
  const form = useFormProblem();
  const assess = useIncidentAction(sendAssessment(incident.id), onDone);
  const corroborated = verification === 'corroborated';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (
      form.invalid({
        verification: !verification && t('validation.required'),
        attribution: corroborated && (!kind || (kind === 'other-party' && !other)) && t('validation.required'),
        reasoning: !reasoning.trim() && t('validation.required'),
      })
    )
      return;
    // Attribution only counts for a corroborated violation; otherwise it is sent as undetermined.
    const attribution: Attribution = !corroborated
      ? { kind: 'undetermined' }
      : kind === 'other-party'
        ? { kind, organisationId: other }
        : { kind: kind as 'alleged' | 'undetermined' };
    assess.mutate({ verification: verification as Verification, attribution, reasoning: reasoning.trim() }, { onError: form.fail });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="incident-assess-form">
      <Stack gap="md">
        <ProblemAlert error={form.problem} />
        <Radio.Group
          label={
            <Title order={4} size="h6">
              {t('incidents.assess.q1')}
            </Title>
          }
          description={t('incidents.assess.q1Help')}
          value={verification}
          onChange={(v) => setVerification(v as Verification)}
          error={form.error('verification')}
          data-testid="incident-verification"
        >
          <Stack gap={6} mt="xs">
            {VERIFICATION_OPTIONS.map((v) => (
              <Radio
                key={v}
                value={v}
                label={t(`incidents.verification.${v}`)}
                description={t(`incidents.verificationHelp.${v}`)}
                data-testid={`incident-verification-${v}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        {corroborated ? (
          <Radio.Group
            label={
              <Title order={4} size="h6">
                {t('incidents.assess.q2')}
              </Title>
            }
            description={t('incidents.assess.q2Help')}
            value={kind}
            onChange={(v) => setKind(v as Attribution['kind'])}
            error={form.error('attribution')}
            data-testid="incident-attribution"
            style={{ borderInlineStart: '3px solid var(--mantine-color-red-3)', paddingInlineStart: 'var(--mantine-spacing-sm)' }}
          >
            <Stack gap={6} mt="xs">
              <Radio value="alleged" label={t('incidents.attribution.alleged')} data-testid="incident-attribution-alleged" />
              <Radio value="other-party" label={t('incidents.attribution.otherParty')} data-testid="incident-attribution-other-party" />
              {kind === 'other-party' && (
                <NativeSelect
                  aria-label={t('incidents.attribution.otherParty')}
                  value={other}
                  onChange={(e) => setOther(e.currentTarget.value)}
                  data={[{ value: '', label: t('incidents.assess.chooseParty') }, ...parties.map((p) => ({ value: p.id, label: p.name }))]}
                  data-testid="incident-attribution-party"
                  ms="lg"
                />
              )}
              <Radio value="undetermined" label={t('incidents.attribution.undetermined')} data-testid="incident-attribution-undetermined" />
            </Stack>
          </Radio.Group>
        ) : (
          verification && (
            <Text size="sm" c="dimmed" data-testid="incident-attribution-skipped">
              {t('incidents.assess.noAttribution')}
            </Text>
          )
        )}
        <Textarea
          label={t('incidents.assess.reasoning')}
          required
          autosize
          minRows={3}
          dir="auto"
          maxLength={textMaxChars}
          value={reasoning}
          onChange={(e) => setReasoning(e.currentTarget.value)}
          error={form.error('reasoning')}
          data-testid="incident-reasoning"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={assess.isPending} data-testid="incident-assess-submit">
            {t('incidents.assess.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Reopening an adopted finding: a new round of assessment starts, the old finding stays on the record. */
export function ReopenForm({ incident, onDone, onCancel }: { incident: Incident; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reopen = useIncidentAction(sendReopen(incident.id), onDone);
  const reload = useReloadIncidents();
  return (
    <ReasonForm
      explain={t('incidents.reopen.explain')}
      label={t('incidents.reopen.reason')}
      submitLabel={t('incidents.reopen.submit')}
      submitColor="orange"
      testIds={{ form: 'incident-reopen-form', reason: 'incident-reopen-reason', submit: 'incident-reopen-submit' }}
      sending={reopen.isPending}
      send={(reason, onError) => reopen.mutate({ reason, version: incident.version }, { onError })}
      onReload={() => {
        void reload();
        onCancel();
      }}
      onCancel={onCancel}
    />
  );
}

/** The secretariat ends a reply period early: only with a reason, which is logged and shown to the accused party. */
export function EndReplyPeriodForm({ incident, onDone, onCancel }: { incident: Incident; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const end = useIncidentAction(sendEndReplyPeriod(incident.id), onDone);
  const reload = useReloadIncidents();
  return (
    <ReasonForm
      explain={t('incidents.replyPeriod.explain')}
      label={t('incidents.replyPeriod.reason')}
      submitLabel={t('incidents.replyPeriod.submit')}
      submitColor="orange"
      testIds={{ form: 'incident-end-reply-form', reason: 'incident-end-reply-reason', submit: 'incident-end-reply-submit' }}
      sending={end.isPending}
      send={(reason, onError) => end.mutate({ reason }, { onError })}
      onReload={() => {
        void reload();
        onCancel();
      }}
      onCancel={onCancel}
    />
  );
}
