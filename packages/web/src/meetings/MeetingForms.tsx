import { useState, type FormEvent } from 'react';
import { ActionIcon, Badge, Button, Card, Checkbox, Group, MultiSelect, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useSession } from '../app/session.ts';
import {
  useAgendaProposal,
  useMeetingStep,
  useReloadMeeting,
  type AgendaEntry,
  type AgendaItem,
  type Decision,
  type Meeting,
  type MeetingStep,
} from './api.ts';
import { REASON_COLOUR, useMeetingText } from './labels.ts';

/**
 * The forms of a meeting page: agenda (with the proposal), attendance, minutes, decisions,
 * action items, cancelling. Each sends one change and shows the server's answer; a stale
 * version offers to reload.
 */
interface FormProps {
  meeting: Meeting;
  onDone: () => void;
  onCancel: () => void;
}

/** The request field an error path points at, for forms whose fields are nested. */
const field = (path: string) => path.split('/')[2] ?? '';

function useStep(meeting: Meeting, onCancel: () => void) {
  const step = useMeetingStep(meeting.id);
  const reload = useReloadMeeting(meeting.id);
  const form = useFormProblem({}, field);
  const send = (s: MeetingStep, onDone: () => void) => step.mutate(s, { onSuccess: onDone, onError: form.fail });
  const alert = (
    <ProblemAlert
      error={form.problem}
      onReload={() => {
        void reload();
        onCancel();
      }}
    />
  );
  return { step, form, send, alert };
}

function Buttons({ pending, onCancel, submit, testId }: { pending: boolean; onCancel: () => void; submit: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('actions.cancel')}
      </Button>
      <Button type="submit" loading={pending} data-testid={testId}>
        {submit}
      </Button>
    </Group>
  );
}

type Draft = AgendaEntry & { key: string; label: string; reasonShown?: AgendaItem['reason'] };

/** Sets the agenda: reorder, remove, add free items and items from the proposal; one save. */
export function AgendaForm({ meeting, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const text = useMeetingText();
  const { step, form, send, alert } = useStep(meeting, onCancel);
  const proposal = useAgendaProposal(meeting.id, true);
  const [items, setItems] = useState<Draft[]>(() => meeting.agenda.map((i) => ({ key: i.id, id: i.id, label: text.item(i), reasonShown: i.reason })));
  const [free, setFree] = useState('');
  const move = (i: number, by: number) =>
    setItems((xs) => {
      const out = [...xs];
      const [x] = out.splice(i, 1);
      out.splice(Math.max(0, Math.min(out.length, i + by)), 0, x);
      return out;
    });
  const inDraft = (key: string) => items.some((x) => x.key === key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ step: 'agenda', version: meeting.version, items: items.map(({ key: _k, label: _l, reasonShown: _r, ...entry }) => entry) }, onDone);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="agenda-form">
      <Stack gap="sm">
        {alert}
        <Stack gap={4} data-testid="agenda-draft">
          {items.length === 0 && <Text c="dimmed">{t('meetings.agenda.empty')}</Text>}
          {items.map((item, i) => (
            <Group key={item.key} gap="xs" wrap="nowrap" data-testid="agenda-draft-item">
              <Text size="sm" w="1.5rem" ta="end">
                {i + 1}.
              </Text>
              <Text size="sm" style={{ flex: 1 }} dir="auto" className="truce-break">
                {item.label}
              </Text>
              {item.reasonShown && (
                <Badge size="xs" variant="light" color={REASON_COLOUR[item.reasonShown]}>
                  {text.reason(item.reasonShown)}
                </Badge>
              )}
              <ActionIcon variant="subtle" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('meetings.agenda.up')}>
                ↑
              </ActionIcon>
              <ActionIcon variant="subtle" onClick={() => move(i, 1)} disabled={i === items.length - 1} aria-label={t('meetings.agenda.down')}>
                ↓
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => setItems((xs) => xs.filter((x) => x.key !== item.key))}
                aria-label={t('meetings.agenda.remove')}
                data-testid="agenda-remove"
              >
                ×
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <Group gap="xs" align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={t('meetings.agenda.freeItem')}
            value={free}
            onChange={(e) => setFree(e.currentTarget.value)}
            dir="auto"
            data-testid="agenda-free"
          />
          <Button
            variant="default"
            disabled={!free.trim()}
            onClick={() => {
              setItems((xs) => [...xs, { key: `free-${xs.length}-${Date.now()}`, title: free.trim(), label: free.trim() }]);
              setFree('');
            }}
            data-testid="agenda-add-free"
          >
            {t('meetings.agenda.add')}
          </Button>
        </Group>
        <Card withBorder padding="sm">
          <Text fw={600} size="sm">
            {t('meetings.agenda.proposal')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('meetings.agenda.proposalHelp')}
          </Text>
          {proposal.isPending ? (
            <Text size="sm">{t('common.loading')}</Text>
          ) : (proposal.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('meetings.agenda.nothingPending')}
            </Text>
          ) : (
            <Stack gap={4} data-testid="agenda-proposal">
              {proposal.data!.map((p) => {
                const key = p.incident ? `incident:${p.incident.id}` : p.exchange ? `exchange:${p.exchange.id}` : `action:${p.actionItem!.id}`;
                const entry: AgendaEntry = p.incident
                  ? { incidentId: p.incident.id }
                  : p.exchange
                    ? { exchangeId: p.exchange.id }
                    : { actionItemId: p.actionItem!.id };
                return (
                  <Group key={key} gap="xs" wrap="nowrap" data-testid="agenda-proposed-item" data-reason={p.reason}>
                    <Badge size="xs" variant="light" color={REASON_COLOUR[p.reason]} style={{ flexShrink: 0 }}>
                      {text.reason(p.reason)}
                    </Badge>
                    <Text size="sm" style={{ flex: 1 }} dir="auto" className="truce-break">
                      {text.proposed(p)}{' '}
                      <Text span size="xs" c="dimmed">
                        {t('meetings.agenda.days', { count: p.days })}
                      </Text>
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="light"
                      disabled={inDraft(key)}
                      onClick={() => setItems((xs) => [...xs, { ...entry, key, reason: p.reason, reasonShown: p.reason, label: text.proposed(p) }])}
                      data-testid="agenda-take"
                    >
                      {t('meetings.agenda.add')}
                    </Button>
                  </Group>
                );
              })}
            </Stack>
          )}
        </Card>
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('actions.save')} testId="agenda-submit" />
      </Stack>
    </form>
  );
}

/** Records who came: each participant present or absent. */
export function AttendanceForm({ meeting, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { step, send, alert } = useStep(meeting, onCancel);
  const [present, setPresent] = useState<string[]>(() => meeting.participants.filter((p) => p.attendance === 'present').map((p) => p.organisationId));
  const [attendees, setAttendees] = useState<Record<string, string>>(() =>
    Object.fromEntries(meeting.participants.map((p) => [p.organisationId, (p.attendees.length ? p.attendees : p.delegates).join(', ')])),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(
      {
        step: 'attendance',
        version: meeting.version,
        attendance: meeting.participants.map((p) => ({
          organisationId: p.organisationId,
          present: present.includes(p.organisationId),
          attendees: (attendees[p.organisationId] ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        })),
      },
      onDone,
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="attendance-form">
      <Stack gap="sm">
        {alert}
        <Text size="sm" c="dimmed">
          {t('meetings.attendance.help')}
        </Text>
        {meeting.participants.map((p) => (
          <Group key={p.organisationId} gap="sm" wrap="nowrap" align="flex-end">
            <Checkbox
              style={{ flex: '0 0 45%' }}
              label={<bdi>{p.name}</bdi>}
              checked={present.includes(p.organisationId)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setPresent((xs) => (on ? [...xs, p.organisationId] : xs.filter((x) => x !== p.organisationId)));
              }}
              data-testid="attendance-present"
            />
            <TextInput
              style={{ flex: 1 }}
              size="xs"
              placeholder={t('meetings.attendance.who')}
              aria-label={t('meetings.attendance.who')}
              value={attendees[p.organisationId] ?? ''}
              onChange={(e) => setAttendees((a) => ({ ...a, [p.organisationId]: e.currentTarget.value }))}
              dir="auto"
              disabled={!present.includes(p.organisationId)}
            />
          </Group>
        ))}
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('actions.save')} testId="attendance-submit" />
      </Stack>
    </form>
  );
}

/** Minutes of one agenda item, and whether they are shared with observers. */
export function MinutesForm({ meeting, item, onDone, onCancel }: FormProps & { item: AgendaItem }) {
  const { t } = useTranslation();
  const { step, form, send, alert } = useStep(meeting, onCancel);
  const [minutes, setMinutes] = useState(item.minutes);
  const [shared, setShared] = useState(item.shared);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ step: 'item', itemId: item.id, version: item.version, minutes, shared }, onDone);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="minutes-form">
      <Stack gap="sm">
        {alert}
        <Textarea
          label={t('meetings.minutes')}
          value={minutes}
          onChange={(e) => setMinutes(e.currentTarget.value)}
          autosize
          minRows={5}
          maxRows={16}
          dir="auto"
          error={form.error('minutes')}
          data-testid="minutes-text"
        />
        <Checkbox
          label={t('meetings.sharedWithObservers')}
          checked={shared}
          onChange={(e) => setShared(e.currentTarget.checked)}
          data-testid="minutes-shared"
        />
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('actions.save')} testId="minutes-submit" />
      </Stack>
    </form>
  );
}

/** Records a proposed decision: its text, who proposed it, the parties it concerns. */
export function DecisionForm({ meeting, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const text = useMeetingText();
  const { step, form, send, alert } = useStep(meeting, onCancel);
  const [body, setBody] = useState('');
  const [item, setItem] = useState<string | null>(null);
  const [proposer, setProposer] = useState<string | null>(user.organisationId);
  const [parties, setParties] = useState<string[]>([]);
  const [shared, setShared] = useState(false);
  const secretariat = user.organisationKind === 'secretariat';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ text: !body.trim() && t('validation.required') })) return;
    const linked = meeting.agenda.find((i) => i.id === item);
    send(
      {
        step: 'decision',
        text: body,
        agendaItemId: item ?? undefined,
        proposedBy: proposer ?? undefined,
        partyIds: parties,
        incidentIds: linked?.incident ? [linked.incident.id] : undefined,
        shared,
      },
      onDone,
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="decision-form">
      <Stack gap="sm">
        {alert}
        <Textarea
          label={t('meetings.decision.text')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          dir="auto"
          required
          error={form.error('text')}
          data-testid="decision-text"
        />
        <Select
          label={t('meetings.decision.agendaItem')}
          clearable
          value={item}
          onChange={setItem}
          data={meeting.agenda.map((i) => ({ value: i.id, label: `${i.position}. ${text.item(i)}` }))}
          error={form.error('agendaItemId')}
        />
        {secretariat && (
          <Select
            label={t('meetings.decision.proposedBy')}
            value={proposer}
            onChange={setProposer}
            data={meeting.participants
              .map((p) => ({ value: p.organisationId, label: p.name }))
              .concat([{ value: user.organisationId, label: user.organisationName }])
              .filter((x, i, xs) => xs.findIndex((y) => y.value === x.value) === i)}
            error={form.error('proposedBy')}
          />
        )}
        <MultiSelect
          label={t('meetings.decision.parties')}
          value={parties}
          onChange={setParties}
          data={text.lookups.parties.map((p) => ({ value: p.id, label: p.name }))}
          error={form.error('partyIds')}
        />
        <Checkbox label={t('meetings.sharedWithObservers')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('meetings.decision.record')} testId="decision-submit" />
      </Stack>
    </form>
  );
}

/** Withdraws a decision not yet adopted, with a reason. */
export function WithdrawDecisionForm({ meeting, decision, onDone, onCancel }: FormProps & { decision: Decision }) {
  const { t } = useTranslation();
  const { step, form, send, alert } = useStep(meeting, onCancel);
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ reason: !reason.trim() && t('validation.required') })) return;
    send({ step: 'withdraw-decision', decisionId: decision.id, version: decision.version, reason }, onDone);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="decision-withdraw-form">
      <Stack gap="sm">
        {alert}
        <Textarea
          label={t('meetings.decision.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          dir="auto"
          required
          error={form.error('reason')}
        />
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('meetings.decision.withdraw')} testId="decision-withdraw-submit" />
      </Stack>
    </form>
  );
}

/** Gives an organisation an action item with a due date. */
export function ActionItemForm({ meeting, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const text = useMeetingText();
  const { step, form, send, alert } = useStep(meeting, onCancel);
  const [body, setBody] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const [decision, setDecision] = useState<string | null>(null);
  const [shared, setShared] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ text: !body.trim() && t('validation.required'), ownerOrgId: !owner && t('validation.required'), dueOn: !due && t('validation.date') }))
      return;
    send({ step: 'action', text: body, ownerOrgId: owner!, dueOn: due, decisionId: decision ?? undefined, shared }, onDone);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="action-form">
      <Stack gap="sm">
        {alert}
        <Textarea
          label={t('meetings.action.text')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
          dir="auto"
          required
          error={form.error('text')}
          data-testid="action-text"
        />
        <Select
          label={t('meetings.action.owner')}
          value={owner}
          onChange={setOwner}
          data={text.lookups.organisations.map((o) => ({ value: o.id, label: o.name }))}
          required
          error={form.error('ownerOrgId')}
          searchable
          data-testid="action-owner"
        />
        <TextInput
          type="date"
          dir="ltr"
          label={t('meetings.action.due')}
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
          required
          error={form.error('dueOn')}
          data-testid="action-due"
        />
        <Select
          label={t('meetings.action.decision')}
          clearable
          value={decision}
          onChange={setDecision}
          data={meeting.decisions.map((d) => ({ value: d.id, label: t('meetings.decision.numbered', { number: d.number }) }))}
        />
        <Checkbox label={t('meetings.sharedWithObservers')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('meetings.action.add')} testId="action-submit" />
      </Stack>
    </form>
  );
}

/** Cancels a meeting that has not taken place, with a reason. */
export function CancelMeetingForm({ meeting, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { step, form, send, alert } = useStep(meeting, onCancel);
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ cancelReason: !reason.trim() && t('validation.required') })) return;
    send({ step: 'change', version: meeting.version, status: 'cancelled', cancelReason: reason }, onDone);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="meeting-cancel-form">
      <Stack gap="sm">
        {alert}
        <Textarea
          label={t('meetings.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          dir="auto"
          required
          error={form.error('cancelReason')}
        />
        <Buttons pending={step.isPending} onCancel={onCancel} submit={t('meetings.cancel')} testId="meeting-cancel-submit" />
      </Stack>
    </form>
  );
}
