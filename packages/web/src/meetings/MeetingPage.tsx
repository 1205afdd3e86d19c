import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, List, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useMeeting, useMeetingStep, type AgendaItem, type Decision, type Meeting } from './api.ts';
import { ActionItemList } from './ActionItems.tsx';
import { ActionItemForm, AgendaForm, AttendanceForm, CancelMeetingForm, DecisionForm, MinutesForm, WithdrawDecisionForm } from './MeetingForms.tsx';
import { DECISION_COLOUR, REASON_COLOUR, STATUS_COLOUR, useMeetingText } from './labels.ts';
import { Section } from '../components/Section.tsx';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';

type Dialog =
  | { kind: 'agenda' | 'attendance' | 'decision' | 'action' | 'cancel' }
  | { kind: 'minutes'; item: AgendaItem }
  | { kind: 'withdraw'; decision: Decision }
  | null;

function Agenda({ meeting, open }: { meeting: Meeting; open: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const text = useMeetingText();
  if (meeting.agenda.length === 0) return <Text c="dimmed">{t('meetings.agenda.empty')}</Text>;
  return (
    <Stack gap="sm">
      {meeting.agenda.map((item, i) => (
        <Stack key={item.id} gap={4} data-testid="agenda-item" data-id={item.id}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text fw={600} w="1.5rem" ta="end">
              {i + 1}.
            </Text>
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Text fw={600} dir="auto" className="truce-break">
                {item.incident?.readable ? (
                  <Anchor component={Link} to={`/incidents/${item.incident.id}`}>
                    {text.item(item)}
                  </Anchor>
                ) : item.exchange?.readable ? (
                  <Anchor component={Link} to={`/exchanges/${item.exchange.id}`}>
                    {text.item(item)}
                  </Anchor>
                ) : (
                  text.item(item)
                )}
              </Text>
              <Group gap={4}>
                {item.reason && (
                  <Badge size="xs" variant="light" color={REASON_COLOUR[item.reason]}>
                    {text.reason(item.reason)}
                  </Badge>
                )}
                {item.exchange && (
                  <Badge size="xs" variant="outline">
                    {text.exchangeState(item.exchange.status)}
                  </Badge>
                )}
                {item.shared && (
                  <Badge size="xs" variant="outline" color="gray">
                    {t('meetings.shared')}
                  </Badge>
                )}
              </Group>
              {item.minutes ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto" className="truce-break" data-testid="agenda-minutes">
                  {item.minutes}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('meetings.noMinutes')}
                </Text>
              )}
            </Stack>
            {meeting.can.manage && (
              <Button size="compact-xs" variant="subtle" onClick={() => open({ kind: 'minutes', item })} data-testid="minutes-edit">
                {t('meetings.editMinutes')}
              </Button>
            )}
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}

function DecisionCard({ meeting, decision: d, open }: { meeting: Meeting; decision: Decision; open: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useMeetingText();
  const step = useMeetingStep(meeting.id);
  const [error, setError] = useState<unknown>(null);
  const run = (s: Parameters<typeof step.mutate>[0]) => step.mutate(s, { onError: setError, onSuccess: () => setError(null) });
  return (
    <Card withBorder padding="sm" data-testid="decision" data-status={d.status} data-number={d.number}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={600}>{t('meetings.decision.numbered', { number: d.number })}</Text>
        <Group gap={4}>
          {d.shared && (
            <Badge size="xs" variant="outline" color="gray">
              {t('meetings.shared')}
            </Badge>
          )}
          <Badge color={DECISION_COLOUR[d.status]} variant="light" data-testid="decision-status">
            {text.decisionStatus(d.status)}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} dir="auto" className="truce-break">
        {d.text}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('meetings.decision.proposedByName', { name: text.org(d.proposedBy) })}
        {d.partyIds.length > 0 && ` · ${t('meetings.decision.concerns', { parties: d.partyIds.map(text.org).join(', ') })}`}
        {d.incidentIds.length > 0 && ` · ${t('meetings.decision.incidents', { count: d.incidentIds.length })}`}
        {d.exchangeIds.length > 0 && ` · ${t('meetings.decision.exchanges', { count: d.exchangeIds.length })}`}
      </Text>
      {d.approvals.length > 0 && (
        <List size="xs" mt={6} spacing={2} data-testid="decision-approvals">
          {d.approvals.map((a) => (
            <List.Item key={a.organisationId} data-testid="decision-approval">
              {t('meetings.decision.approvedBy', { organisation: a.organisation, name: a.by, at: fmt.dateTime(a.at) })}
              {a.logIndex !== null && (
                <>
                  {' · '}
                  <Anchor component={Link} to="/record" size="xs">
                    {t('meetings.decision.logEntry', { index: a.logIndex })}
                  </Anchor>{' '}
                  <ReceiptButton entry={async () => a.logIndex} testId="decision-approval-receipt" size="compact-xs" short />
                </>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {d.status === 'proposed' && d.waitingFor.length > 0 && (
        <Text size="xs" c="orange.8" mt={4}>
          {t('meetings.decision.waitingFor', { guarantors: d.waitingFor.map(text.org).join(', ') })}
        </Text>
      )}
      {d.adoptedAt && (
        <Group gap="xs" mt={4}>
          <Text size="xs" c="teal.8">
            {t('meetings.decision.adoptedAt', { at: fmt.dateTime(d.adoptedAt) })}
          </Text>
          <ReceiptButton entry={receiptEntry('decision', d.id, { types: ['meeting.decision_adopted'] })} testId="decision-receipt" size="compact-xs" short />
        </Group>
      )}
      <ProblemAlert error={error} />
      <Group gap="xs" mt="xs">
        {d.canApprove && (
          <Button
            size="xs"
            loading={step.isPending}
            onClick={() => run({ step: 'approve', decisionId: d.id, version: d.version })}
            data-testid="decision-approve"
          >
            {t('meetings.decision.approve')}
          </Button>
        )}
        {meeting.can.decide && d.status !== 'withdrawn' && (
          <Button
            size="xs"
            variant="default"
            onClick={() => run({ step: 'share-decision', decisionId: d.id, version: d.version, shared: !d.shared })}
            data-testid="decision-share"
          >
            {d.shared ? t('meetings.unshare') : t('meetings.share')}
          </Button>
        )}
        {meeting.can.decide && d.status === 'proposed' && (
          <Button size="xs" variant="subtle" color="red" onClick={() => open({ kind: 'withdraw', decision: d })}>
            {t('meetings.decision.withdraw')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

/** /meetings/:id — one meeting: attendance, agenda with minutes, decisions, action items, releases. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useMeetingText();
  const query = useMeeting(id);
  const step = useMeetingStep(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (query.isPending) return <Loading />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  const m = query.data;
  const close = () => setDialog(null);
  const props = { meeting: m, onDone: close, onCancel: close };
  const titles: Record<NonNullable<Dialog>['kind'], string> = {
    agenda: t('meetings.editAgenda'),
    attendance: t('meetings.recordAttendance'),
    decision: t('meetings.decision.record'),
    action: t('meetings.action.add'),
    cancel: t('meetings.cancel'),
    minutes: t('meetings.editMinutes'),
    withdraw: t('meetings.decision.withdraw'),
  };
  return (
    <Stack gap="md" data-testid="meeting-page">
      <PageHeader
        title={m.title}
        description={
          <>
            {fmt.dateTime(m.startsAt)} · <bdi>{m.venue}</bdi>{' '}
            <Badge color={STATUS_COLOUR[m.status]} variant="light" size="sm" data-testid="meeting-status">
              {text.status(m.status)}
            </Badge>
          </>
        }
        actions={
          m.can.manage &&
          m.status === 'scheduled' && (
            <>
              <Button
                variant="default"
                loading={step.isPending}
                onClick={() => step.mutate({ step: 'change', version: m.version, status: 'held' })}
                data-testid="meeting-held"
              >
                {t('meetings.markHeld')}
              </Button>
              <Button variant="subtle" color="red" onClick={() => setDialog({ kind: 'cancel' })}>
                {t('meetings.cancel')}
              </Button>
            </>
          )
        }
      />
      <ProblemAlert error={step.error} onReload={() => void query.refetch()} />
      {m.status === 'cancelled' && m.cancelReason && <Text c="dimmed">{t('meetings.cancelledBecause', { reason: m.cancelReason })}</Text>}

      <Section
        title={t('meetings.participants')}
        testId="meeting-participants"
        actions={
          m.can.manage && (
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'attendance' })} data-testid="attendance-open">
              {t('meetings.recordAttendance')}
            </Button>
          )
        }
      >
        {/* Two columns, the people under their organisation: it reads on a phone without scrolling sideways. */}
        <Table>
          <Table.Tbody>
            {m.participants.map((p) => (
              <Table.Tr key={p.organisationId} data-testid="participant" data-attendance={p.attendance}>
                <Table.Td>
                  <bdi>{p.name}</bdi>
                  <Text size="xs" c="dimmed">
                    {t(`kinds.${p.kind}`)}
                  </Text>
                  <Text size="sm" dir="auto" className="truce-break">
                    {(p.attendance === 'present' ? p.attendees : p.delegates).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td style={{ width: '1%', whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Badge size="sm" variant="light" color={p.attendance === 'present' ? 'teal' : p.attendance === 'absent' ? 'red' : 'gray'}>
                    {t(`meetings.attendance.${p.attendance}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section
        title={t('meetings.agenda.title')}
        testId="meeting-agenda"
        actions={
          m.can.manage && (
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'agenda' })} data-testid="agenda-open">
              {t('meetings.editAgenda')}
            </Button>
          )
        }
      >
        <Agenda meeting={m} open={setDialog} />
      </Section>

      <Section
        title={t('meetings.decisions')}
        testId="meeting-decisions"
        actions={
          m.can.decide && (
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'decision' })} data-testid="decision-open">
              {t('meetings.decision.record')}
            </Button>
          )
        }
      >
        {m.decisions.length === 0 ? (
          <Text c="dimmed">{t('meetings.decision.none')}</Text>
        ) : (
          <Stack gap="xs">
            {m.decisions.map((d) => (
              <DecisionCard key={d.id} meeting={m} decision={d} open={setDialog} />
            ))}
          </Stack>
        )}
      </Section>

      <Section
        title={t('meetings.actionItems')}
        testId="meeting-actions"
        actions={
          m.can.manage && (
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'action' })} data-testid="action-open">
              {t('meetings.action.add')}
            </Button>
          )
        }
      >
        <ActionItemList items={m.actionItems} />
      </Section>

      {m.releases.length > 0 && (
        <Section title={t('meetings.releases')} testId="meeting-releases">
          <Stack gap="xs">
            {m.releases.map((r) => {
              const confirmed = (r.exchange.counts ?? []).filter((c) => c.outcome === 'confirmed');
              return (
                <Stack key={r.exchange.id} gap={2}>
                  <Text fw={600} dir="auto">
                    {r.exchange.readable ? (
                      <Anchor component={Link} to={`/exchanges/${r.exchange.id}`}>
                        {text.exchange(r.exchange)}
                      </Anchor>
                    ) : (
                      text.exchange(r.exchange)
                    )}{' '}
                    <Badge size="xs" variant="outline">
                      {text.exchangeState(r.exchange.status)}
                    </Badge>
                  </Text>
                  <Text size="sm">
                    {confirmed.length === 0
                      ? t('meetings.noReleases')
                      : confirmed.map((c) => t('meetings.releasedBy', { count: c.count, party: text.org(c.partyId) })).join(' · ')}
                  </Text>
                  {r.confirmed && r.confirmed.length > 0 && (
                    <Text size="xs" c="dimmed" dir="ltr" data-testid="release-refs">
                      {r.confirmed.map((c) => c.ref).join(', ')}
                    </Text>
                  )}
                </Stack>
              );
            })}
          </Stack>
        </Section>
      )}

      <FormModal opened={dialog !== null} onClose={close} title={dialog ? titles[dialog.kind] : ''} testId="meeting-dialog">
        {dialog?.kind === 'agenda' && <AgendaForm {...props} />}
        {dialog?.kind === 'attendance' && <AttendanceForm {...props} />}
        {dialog?.kind === 'decision' && <DecisionForm {...props} />}
        {dialog?.kind === 'action' && <ActionItemForm {...props} />}
        {dialog?.kind === 'cancel' && <CancelMeetingForm {...props} />}
        {dialog?.kind === 'minutes' && <MinutesForm {...props} item={dialog.item} />}
        {dialog?.kind === 'withdraw' && <WithdrawDecisionForm {...props} decision={dialog.decision} />}
      </FormModal>
    </Stack>
  );
}
