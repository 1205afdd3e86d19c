import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OUTCOMES_NEEDING_NOTE, type ReleaseOutcome } from '@truce/core/detainees/status';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useExchangeStep, useReloadExchanges, type Exchange, type ExchangePerson } from './api.ts';
import { useDetaineeText } from './labels.ts';
import { personName } from './names.ts';

/**
 * The facilitator records one person's outcome on the day. Confirming a release needs both
 * ticks (identity checked, return voluntary); declined, not found and deceased need a note:
 * a person who did not come home is never left unexplained.
 */
export function OutcomeForm({
  exchange,
  person,
  outcome,
  onDone,
  onCancel,
}: {
  exchange: Exchange;
  person: ExchangePerson;
  outcome: ReleaseOutcome;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const text = useDetaineeText();
  const step = useExchangeStep(exchange.id);
  const form = useFormProblem();
  const [identity, setIdentity] = useState(false);
  const [voluntary, setVoluntary] = useState(false);
  const [note, setNote] = useState('');
  const needsNote = OUTCOMES_NEEDING_NOTE.includes(outcome);
  const confirming = outcome === 'confirmed';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (
      form.invalid({
        identityChecked: confirming && !identity && t('detainees.outcomeForm.mustTick'),
        voluntary: confirming && !voluntary && t('detainees.outcomeForm.mustTick'),
        note: needsNote && !note.trim() && t('detainees.outcomeForm.noteRequired'),
      })
    )
      return;
    step.mutate(
      {
        step: 'outcome',
        listId: person.listId,
        ref: person.ref,
        outcome,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(confirming ? { identityChecked: identity, voluntary } : {}),
      },
      { onSuccess: onDone, onError: form.fail },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="outcome-form" data-outcome={outcome}>
      <Stack gap="sm">
        <Text size="sm">
          {t('detainees.outcomeForm.explain', { outcome: text.outcome(outcome) })} <bdi dir="auto">{personName(person.person) || person.ref}</bdi> (
          <bdi dir="ltr">{person.ref}</bdi>)
        </Text>
        <ProblemAlert error={form.problem} />
        {confirming && (
          <Stack gap="xs">
            <Checkbox
              label={t('detainees.outcomeForm.identityChecked')}
              checked={identity}
              onChange={(e) => setIdentity(e.currentTarget.checked)}
              error={form.error('identityChecked')}
              data-testid="outcome-identity"
            />
            <Checkbox
              label={t('detainees.outcomeForm.voluntary')}
              checked={voluntary}
              onChange={(e) => setVoluntary(e.currentTarget.checked)}
              error={form.error('voluntary')}
              data-testid="outcome-voluntary"
            />
          </Stack>
        )}
        <Textarea
          label={needsNote ? t('detainees.outcomeForm.noteWhy') : t('detainees.outcomeForm.note')}
          required={needsNote}
          autosize
          minRows={needsNote ? 3 : 1}
          dir="auto"
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={form.error('note')}
          data-testid="outcome-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" color={confirming || outcome === 'released' ? 'teal' : 'orange'} loading={step.isPending} data-testid="outcome-submit">
            {t('detainees.outcomeForm.record', { outcome: text.outcome(outcome) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Sets or moves the meeting at which the exchange takes place (or clears it). */
export function MeetingForm({ exchange, onDone, onCancel }: { exchange: Exchange; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const step = useExchangeStep(exchange.id);
  const reload = useReloadExchanges();
  const form = useFormProblem();
  const [date, setDate] = useState(exchange.meetingDate ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ step: 'meeting', version: exchange.version, meetingDate: date || null }, { onSuccess: onDone, onError: form.fail });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="meeting-form">
      <Stack gap="sm">
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void reload();
            onCancel();
          }}
        />
        <TextInput
          type="date"
          dir="ltr"
          label={t('detainees.exchange.meetingDate')}
          description={t('detainees.exchange.meetingHelp')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={form.error('meetingDate')}
          data-testid="meeting-date"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={step.isPending} data-testid="meeting-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Withdrawing a proposal before any release is recorded; its persons go back to where they were. */
export function WithdrawExchangeForm({ exchange, onDone, onCancel }: { exchange: Exchange; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const step = useExchangeStep(exchange.id);
  const reload = useReloadExchanges();
  return (
    <ReasonForm
      explain={t('detainees.withdraw.explain')}
      label={t('detainees.withdraw.reason')}
      submitLabel={t('detainees.withdraw.submit')}
      submitColor="red"
      testIds={{ form: 'exchange-withdraw-form', reason: 'exchange-withdraw-reason', submit: 'exchange-withdraw-submit' }}
      sending={step.isPending}
      send={(reason, onError) => step.mutate({ step: 'withdraw', version: exchange.version, reason }, { onSuccess: onDone, onError })}
      onReload={() => {
        void reload();
        onCancel();
      }}
      onCancel={onCancel}
    />
  );
}
