import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RELEASE_OUTCOMES, outcomeAllowed, type ReleaseOutcome } from '@truce/core/detainees/status';
import { byId, useOrganisations } from '../accounts/api.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useExchange, useExchangeStep, useReloadExchanges, type Exchange, type ExchangePerson } from './api.ts';
import { ExchangeStateBadge, OutcomeBadge } from './Badges.tsx';
import { MeetingForm, OutcomeForm, WithdrawExchangeForm } from './ExchangeForms.tsx';
import { useDetaineeText } from './labels.ts';
import { birthOf, personName } from './names.ts';
import { Section } from '../components/Section.tsx';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';

const OUTCOME_BUTTON: Record<ReleaseOutcome, string> = { released: 'teal', confirmed: 'green', declined: 'orange', not_found: 'yellow', deceased: 'dark' };

function PersonCard({ exchange, person: p, onOutcome }: { exchange: Exchange; person: ExchangePerson; onOutcome: (o: ReleaseOutcome) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useDetaineeText();
  const allowed = exchange.can.release ? RELEASE_OUTCOMES.filter((o) => outcomeAllowed(p.outcome, o)) : [];
  return (
    <Card withBorder padding="sm" data-testid="exchange-person" data-ref={p.ref} data-outcome={p.outcome}>
      <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} className="truce-break">
            <bdi dir="auto">{personName(p.person) || t('detainees.person.noName')}</bdi>
          </Text>
          <Text size="xs" c="dimmed">
            <bdi dir="ltr">{p.ref}</bdi>
            {p.person && birthOf(p.person) && (
              <>
                {' · '}
                <bdi dir="ltr">{birthOf(p.person)}</bdi>
              </>
            )}
            {p.category && ` · ${text.category(p.category)}`}
            {p.soughtRef && (
              <>
                {' · '}
                {t('detainees.exchange.soughtAs')} <bdi dir="ltr">{p.soughtRef}</bdi>
              </>
            )}
          </Text>
        </Stack>
        <OutcomeBadge outcome={p.outcome} />
      </Group>
      {p.outcome !== 'pending' && (
        <Group gap="xs" mt={4}>
          <Text size="xs" c="dimmed">
            {p.outcomeBy && <bdi>{p.outcomeBy}</bdi>}
            {p.outcomeAt && ` · ${fmt.dateTime(p.outcomeAt)}`}
          </Text>
          {p.outcomeAt && (
            <ReceiptButton
              entry={receiptEntry('exchange', exchange.id, { types: ['exchange.outcome'], subject: { list: p.listId }, which: { nearest: p.outcomeAt } })}
              testId="outcome-receipt"
              size="compact-xs"
              short
            />
          )}
        </Group>
      )}
      {p.outcomeNote && (
        <Text size="sm" mt={2} dir="auto" style={{ whiteSpace: 'pre-wrap' }} className="truce-break" data-testid="exchange-person-note">
          {p.outcomeNote}
        </Text>
      )}
      {allowed.length > 0 && (
        <Group gap={6} mt="xs" data-testid="exchange-person-actions">
          {allowed.map((o) => (
            <Button
              key={o}
              size="xs"
              variant={o === 'confirmed' ? 'filled' : 'light'}
              color={OUTCOME_BUTTON[o]}
              onClick={() => onOutcome(o)}
              data-testid={`outcome-${o}`}
            >
              {text.outcome(o)}
            </Button>
          ))}
        </Group>
      )}
    </Card>
  );
}

/**
 * /exchanges/:id: an exchange's persons by the side that releases them, with each one's
 * outcome; the parties' approvals and the guarantors' endorsements; and the steps this
 * reader may take now (as the server says): approve, endorse, set the meeting date,
 * withdraw, and on the day — the facilitator — each person's outcome.
 */
export function ExchangePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const fmt = useFormat();
  const text = useDetaineeText();
  const exchange = useExchange(id);
  const orgs = useOrganisations();
  const step = useExchangeStep(id);
  const reload = useReloadExchanges();
  const names = byId(orgs.data);
  const orgName = (oid: string) => names.get(oid)?.name ?? t('reports.unknownOrganisation');
  // Where space is short (a phone's line), the party's short name: a long Latin name wraps badly inside Arabic text.
  const orgShort = (oid: string) => names.get(oid)?.shortName || orgName(oid);
  const [dialog, setDialog] = useState<
    null | { kind: 'meeting' } | { kind: 'withdraw' } | { kind: 'outcome'; person: ExchangePerson; outcome: ReleaseOutcome }
  >(null);
  const close = () => setDialog(null);

  if (exchange.isPending) return <Loading />;
  if (!exchange.data) {
    return (
      <Stack gap="md">
        <ProblemAlert error={exchange.error} />
        <Anchor component={Link} to="/exchanges">
          {t('detainees.exchange.back')}
        </Anchor>
      </Stack>
    );
  }
  const e = exchange.data;
  const sides = [e.partyA, e.partyB];
  const approval = (party: string) => e.approvals.find((a) => a.kind === 'approval' && a.organisationId === party);
  const endorsement = (g: string) => e.approvals.find((a) => a.kind === 'endorsement' && a.organisationId === g);
  // Each approval (endorsement) is logged once, in order: the k-th by time is the k-th entry of its type.
  const rank = (a: Exchange['approvals'][number]) => e.approvals.filter((x) => x.kind === a.kind && x.at < a.at).length;

  return (
    <Stack gap="md" data-testid="exchange-detail" data-id={e.id} data-state={e.status}>
      <Anchor component={Link} to="/exchanges" size="sm">
        {t('detainees.exchange.back')}
      </Anchor>
      <PageHeader
        title={e.title}
        description={
          <>
            <bdi>{orgShort(e.partyA)}</bdi> ⇄ <bdi>{orgShort(e.partyB)}</bdi> · {text.mode(e.mode)}
          </>
        }
        actions={
          <>
            {e.can.approve && (
              <Button color="teal" loading={step.isPending} onClick={() => step.mutate({ step: 'approve', version: e.version })} data-testid="exchange-approve">
                {t('detainees.exchange.approve')}
              </Button>
            )}
            {e.can.endorse && (
              <Button
                color="grape"
                loading={step.isPending}
                onClick={() => step.mutate({ step: 'endorse', version: e.version })}
                data-testid="exchange-endorse"
              >
                {t('detainees.exchange.endorse')}
              </Button>
            )}
            {e.can.schedule && (
              <Button variant="light" onClick={() => setDialog({ kind: 'meeting' })} data-testid="exchange-schedule">
                {t('detainees.exchange.setMeeting')}
              </Button>
            )}
            {e.can.withdraw && (
              <Button variant="light" color="red" onClick={() => setDialog({ kind: 'withdraw' })} data-testid="exchange-withdraw">
                {t('detainees.exchange.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <ProblemAlert error={step.error} onReload={() => void reload()} />
      <Card withBorder padding="sm">
        <Group gap="md" wrap="wrap">
          <ExchangeStateBadge state={e.status} />
          <Text size="sm" data-testid="exchange-meeting">
            {e.meetingDate ? t('detainees.exchange.meetingOn', { date: fmt.date(e.meetingDate) }) : t('detainees.exchange.noMeeting')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('detainees.exchange.proposedBy', { party: orgShort(e.proposedOrg), when: fmt.dateTime(e.createdAt) })}
          </Text>
        </Group>
        {e.note && (
          <Text size="sm" mt="xs" dir="auto" style={{ whiteSpace: 'pre-wrap' }} className="truce-break">
            {e.note}
          </Text>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t(`detainees.exchange.next.${e.status}`)}
        </Text>
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Section title={t('detainees.exchange.approvals')} testId="exchange-approvals">
          <Stack gap={6}>
            {sides.map((party) => {
              const a = approval(party);
              return (
                <Group key={party} gap="xs" wrap="nowrap" align="flex-start" data-testid="exchange-approval" data-approved={!!a}>
                  <Badge
                    color={a ? 'teal' : 'gray'}
                    variant={a ? 'filled' : 'outline'}
                    size="sm"
                    style={{ flex: 'none' }}
                    leftSection={<span aria-hidden="true">{a ? '✓' : '…'}</span>}
                  >
                    {a ? t('detainees.exchange.approved') : t('detainees.exchange.waiting')}
                  </Badge>
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" className="truce-break">
                      <bdi>{orgName(party)}</bdi>
                    </Text>
                    {a && (
                      <Group gap="xs">
                        <Text size="xs" c="dimmed">
                          <bdi>{a.by}</bdi> · {fmt.dateTime(a.at)}
                        </Text>
                        <ReceiptButton
                          entry={receiptEntry('exchange', e.id, { types: ['exchange.approved'], which: { nth: rank(a) } })}
                          testId="approval-receipt"
                          size="compact-xs"
                          short
                        />
                      </Group>
                    )}
                  </Stack>
                </Group>
              );
            })}
          </Stack>
        </Section>
        <Section title={t('detainees.exchange.endorsements')} testId="exchange-endorsements">
          <Stack gap={6}>
            {e.guarantors.map((g) => {
              const a = endorsement(g.id);
              return (
                <Group key={g.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="exchange-endorsement" data-endorsed={g.endorsed}>
                  <Badge
                    color={g.endorsed ? 'grape' : 'gray'}
                    variant={g.endorsed ? 'filled' : 'outline'}
                    size="sm"
                    style={{ flex: 'none' }}
                    leftSection={<span aria-hidden="true">{g.endorsed ? '✓' : '…'}</span>}
                  >
                    {g.endorsed ? t('detainees.exchange.endorsed') : t('detainees.exchange.waiting')}
                  </Badge>
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" className="truce-break">
                      <bdi>{g.name}</bdi>
                    </Text>
                    {a && (
                      <Group gap="xs">
                        <Text size="xs" c="dimmed">
                          <bdi>{a.by}</bdi> · {fmt.dateTime(a.at)}
                        </Text>
                        <ReceiptButton
                          entry={receiptEntry('exchange', e.id, { types: ['exchange.endorsed'], which: { nth: rank(a) } })}
                          testId="endorsement-receipt"
                          size="compact-xs"
                          short
                        />
                      </Group>
                    )}
                  </Stack>
                </Group>
              );
            })}
          </Stack>
        </Section>
      </SimpleGrid>

      {e.can.release && (
        <Alert color="teal" data-testid="exchange-release-help">
          {t('detainees.exchange.releaseHelp')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {sides.map((party) => {
          const persons = e.persons.filter((p) => p.releasingParty === party);
          return (
            <Section
              key={party}
              title={t('detainees.exchange.releasedByTitle', { party: orgShort(party), n: fmt.number(persons.length) })}
              testId="exchange-side"
            >
              {persons.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('detainees.exchange.nobody')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {persons.map((p) => (
                    <PersonCard
                      key={`${p.listId}-${p.ref}`}
                      exchange={e}
                      person={p}
                      onOutcome={(outcome) => setDialog({ kind: 'outcome', person: p, outcome })}
                    />
                  ))}
                </Stack>
              )}
            </Section>
          );
        })}
      </SimpleGrid>

      <FormModal opened={dialog?.kind === 'meeting'} onClose={close} title={t('detainees.exchange.setMeeting')} size="sm" testId="exchange-meeting-dialog">
        {dialog?.kind === 'meeting' && <MeetingForm exchange={e} onDone={close} onCancel={close} />}
      </FormModal>
      <FormModal opened={dialog?.kind === 'withdraw'} onClose={close} title={t('detainees.exchange.withdraw')} size="md" testId="exchange-withdraw-dialog">
        {dialog?.kind === 'withdraw' && <WithdrawExchangeForm exchange={e} onDone={close} onCancel={close} />}
      </FormModal>
      <FormModal
        opened={dialog?.kind === 'outcome'}
        onClose={close}
        title={dialog?.kind === 'outcome' ? text.outcome(dialog.outcome) : ''}
        size="md"
        testId="outcome-dialog"
      >
        {dialog?.kind === 'outcome' && <OutcomeForm exchange={e} person={dialog.person} outcome={dialog.outcome} onDone={close} onCancel={close} />}
      </FormModal>
    </Stack>
  );
}
