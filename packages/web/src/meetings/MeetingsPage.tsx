import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { useMeetings, useScheduleMeeting, type MeetingSummary } from './api.ts';
import { STATUS_COLOUR, useMeetingText } from './labels.ts';

function MeetingRow({ meeting: m }: { meeting: MeetingSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useMeetingText();
  return (
    <Card withBorder padding="sm" component={Link} to={`/meetings/${m.id}`} data-testid="meeting-row" data-id={m.id} data-status={m.status}>
      <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
        <Text fw={600} c="blue.8" dir="auto" className="truce-break">
          {m.title}
        </Text>
        <Badge color={STATUS_COLOUR[m.status]} variant="light" size="sm">
          {text.status(m.status)}
        </Badge>
      </Group>
      <Text size="sm" mt={2}>
        {fmt.dateTime(m.startsAt)} · <bdi>{m.venue}</bdi>
      </Text>
      <Text size="xs" c="dimmed">
        {[
          t('meetings.summaryItems', { count: m.agendaItems, n: fmt.number(m.agendaItems) }),
          t('meetings.summaryDecisions', { count: m.decisions.adopted, n: fmt.number(m.decisions.adopted), proposed: fmt.number(m.decisions.proposed) }),
          t('meetings.summaryActions', { count: m.openActionItems, n: fmt.number(m.openActionItems) }),
        ].join(' · ')}
      </Text>
    </Card>
  );
}

/** Scheduling a meeting: when, where, and which organisations take part. */
function ScheduleForm({ onDone, onCancel }: { onDone: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const text = useMeetingText();
  const schedule = useScheduleMeeting();
  const form = useFormProblem({}, (path) => path.split('/')[2] ?? '');
  const orgs = text.lookups.organisations.filter((o) => o.kind !== 'secretariat');
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [venue, setVenue] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => text.lookups.organisations.filter((o) => o.kind === 'guarantor').map((o) => o.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (
      form.invalid({
        title: !title.trim() && t('validation.required'),
        startsAt: !startsAt && t('validation.required'),
        venue: !venue.trim() && t('validation.required'),
        participants: chosen.length === 0 && t('meetings.form.chooseParticipants'),
      })
    )
      return;
    schedule.mutate(
      { title, startsAt: new Date(`${startsAt}:00Z`).toISOString(), venue, participants: chosen.map((organisationId) => ({ organisationId })) },
      { onSuccess: (m) => onDone(m.id), onError: form.fail },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="meeting-schedule-form">
      <Stack gap="sm">
        <ProblemAlert error={form.problem} />
        <TextInput
          label={t('meetings.form.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={form.error('title')}
          dir="auto"
          required
          data-testid="meeting-title"
        />
        <TextInput
          type="datetime-local"
          dir="ltr"
          label={t('meetings.form.startsAt')}
          description={t('meetings.form.utc')}
          value={startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
          error={form.error('startsAt')}
          required
          data-testid="meeting-starts"
        />
        <TextInput
          label={t('meetings.form.venue')}
          value={venue}
          onChange={(e) => setVenue(e.currentTarget.value)}
          error={form.error('venue')}
          dir="auto"
          required
          data-testid="meeting-venue"
        />
        <Checkbox.Group label={t('meetings.participants')} value={chosen} onChange={setChosen} error={form.error('participants')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt={6}>
            {orgs.map((o) => (
              <Checkbox key={o.id} value={o.id} label={<bdi>{o.name}</bdi>} data-testid="meeting-participant" />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={schedule.isPending} data-testid="meeting-schedule-submit">
            {t('meetings.schedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /meetings: the group's meetings this user may see, the next one first. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const meetings = useMeetings();
  const [scheduling, setScheduling] = useState(false);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('meetings.title')}
        description={t('meetings.description')}
        actions={
          permissions.can('meetings.manage') && (
            <Button onClick={() => setScheduling(true)} data-testid="meeting-new">
              {t('meetings.schedule')}
            </Button>
          )
        }
      />
      <ProblemAlert error={meetings.error} />
      {meetings.isPending ? (
        <Loading />
      ) : (meetings.data ?? []).length === 0 ? (
        <Text c="dimmed" data-testid="meeting-none">
          {t('meetings.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="meeting-list">
          {meetings.data!.map((m) => (
            <MeetingRow key={m.id} meeting={m} />
          ))}
        </Stack>
      )}
      <FormModal opened={scheduling} onClose={() => setScheduling(false)} title={t('meetings.schedule')} testId="meeting-schedule-modal">
        <ScheduleForm onCancel={() => setScheduling(false)} onDone={(id) => navigate(`/meetings/${id}`)} />
      </FormModal>
    </Stack>
  );
}
