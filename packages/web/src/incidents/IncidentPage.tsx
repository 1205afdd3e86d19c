import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Divider, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { useSession } from '../app/session.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { EvidenceList } from '../evidence/EvidenceList.tsx';
import { useLookups, useReportText } from '../reports/labels.ts';
import { scopeOf, useIncident, type FindingValue, type Incident } from './api.ts';
import { AssessForm, EndReplyPeriodForm, ReopenForm, ReplyForm } from './IncidentForms.tsx';
import { FINDING_COLOUR, useIncidentText } from './labels.ts';
import { Section } from '../components/Section.tsx';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';
import { mechanismNow } from '../app/clock.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';

/** Names, each isolated so that a Latin name inside Arabic text (or the reverse) keeps its order. */
export function Names({ ids, name }: { ids: string[]; name: (id: string) => string }) {
  const { i18n } = useTranslation();
  const comma = i18n.language === 'ar' || i18n.language === 'fa' ? '، ' : ', ';
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && comma}
          <bdi>{name(id)}</bdi>
        </span>
      ))}
    </>
  );
}

/** A time that ticks: the page's countdowns move on without a reload. */
function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => mechanismNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(mechanismNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** /incidents/:id: an incident's reports, the right of reply, the assessments, the decision and the timeline. */
export function IncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSession();
  const permissions = usePermissions();
  const lookups = useLookups();
  const text = useReportText(lookups);
  const words = useIncidentText(text.organisation);
  const fmt = useFormat();
  const incident = useIncident(id);
  const now = useNow();
  const [reopening, setReopening] = useState(false);
  const [ending, setEnding] = useState(false);
  const [done, setDone] = useState<'replied' | 'assessed' | 'reopened' | 'ended' | null>(null);

  if (incident.isPending || lookups.pending) return <Loading />;
  if (!incident.data) {
    return (
      <Stack gap="md">
        <ProblemAlert error={incident.error} />
        <Anchor component={Link} to="/incidents">
          {t('incidents.back')}
        </Anchor>
      </Stack>
    );
  }
  const inc: Incident = incident.data;
  const scope = scopeOf(inc);
  const guarantors = lookups.organisations.filter((o) => o.kind === 'guarantor');
  const parties = lookups.parties.map((p) => ({ id: p.id, name: p.name }));
  const canReply = permissions.can('incident.reply', scope) && inc.allegedPartyIds.includes(user.organisationId);
  const myReply = inc.replies.find((r) => r.partyId === user.organisationId);
  const canAssess = permissions.can('incident.assess') && !inc.finding && !inc.mergedInto;
  const canReopen = permissions.can('incident.manage') && !!inc.finding && !inc.mergedInto;
  const canEndReplyPeriod = permissions.can('incident.reply_period.end') && inc.replyPeriod.open && !inc.mergedInto;
  // The rule is met, but no finding until the accused party is heard (or the period is over).
  const waiting = inc.adoption?.ruleMet && inc.adoption.waitsForReplyUntil;
  const mine = inc.assessments.filter((a) => a.round === inc.round && a.guarantorId === user.organisationId).at(-1);
  const types = [...new Set(inc.reports.map((r) => r.typeCode))];
  const findingLine = (f: FindingValue) => {
    const who = words.attribution(f, inc.allegedPartyIds);
    return (
      <>
        <Badge color={FINDING_COLOUR[f.verification]} variant="filled">
          {words.verification(f.verification)}
        </Badge>
        {who && (
          <Text size="sm" component="span" ms="xs">
            {who}
          </Text>
        )}
      </>
    );
  };
  const rounds = [...new Set([inc.round, ...inc.assessments.map((a) => a.round)])].sort((a, b) => b - a);

  return (
    <Stack gap="md" data-testid="incident-detail" data-id={inc.id}>
      <Anchor component={Link} to="/incidents" size="sm">
        {t('incidents.back')}
      </Anchor>
      <PageHeader
        title={types.map(text.type).join(' · ') || t('incidents.title')}
        description={t('incidents.detail.created', { when: fmt.dateTime(inc.createdAt), round: fmt.number(inc.round) })}
        actions={
          canReopen && (
            <Button variant="light" color="orange" onClick={() => setReopening(true)} data-testid="incident-reopen">
              {t('incidents.reopen.button')}
            </Button>
          )
        }
      />
      {done && (
        <Alert color="teal" withCloseButton onClose={() => setDone(null)} data-testid="incident-saved">
          {t(`incidents.saved.${done}`)}
        </Alert>
      )}
      {inc.mergedInto && (
        <Alert color="gray" data-testid="incident-merged">
          {t('incidents.detail.merged')}{' '}
          <Anchor component={Link} to={`/incidents/${inc.mergedInto}`}>
            {t('incidents.detail.openMerged')}
          </Anchor>
        </Alert>
      )}

      <Card withBorder padding="md" data-testid="incident-decision" data-status={inc.decision.status}>
        <Title order={3} size="h5" mb="sm">
          {t('incidents.decision.title')}
        </Title>
        {inc.decision.status === 'adopted' ? (
          <Stack gap={6} data-testid={inc.finding ? 'incident-finding' : 'incident-finding-pending'} data-verification={inc.decision.finding.verification}>
            <Text size="sm" fw={600}>
              {inc.finding ? t('incidents.decision.adopted') : t('incidents.adoption.ruleMet')}
            </Text>
            <Group gap={4}>{findingLine(inc.decision.finding)}</Group>
            <Text size="xs" c="dimmed">
              {inc.finding ? t('incidents.decision.basis') : t('incidents.adoption.heldBy')} <Names ids={inc.decision.basis} name={text.organisation} />
              {inc.finding && ` · ${fmt.dateTime(inc.finding.adoptedAt)}`}
            </Text>
          </Stack>
        ) : inc.decision.status === 'disagreement' ? (
          <Stack gap="xs">
            <Text size="sm" fw={600} c="orange.8">
              {t('incidents.decision.disagreement')}
            </Text>
            {inc.decision.positions.map((p, i) => (
              <Group key={i} gap={6} data-testid="incident-position">
                {findingLine(p.finding)}
                <Text size="sm" c="dimmed">
                  — {t('incidents.decision.heldBy')} <Names ids={p.guarantors} name={text.organisation} />
                </Text>
              </Group>
            ))}
            {inc.decision.missing.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('incidents.decision.waitingFor')} <Names ids={inc.decision.missing} name={text.organisation} />
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm">
            {t('incidents.decision.waitingFor')} <Names ids={inc.decision.missing} name={text.organisation} />
          </Text>
        )}
        {inc.adoption?.waitsForReplyUntil && (
          <Alert
            color={waiting ? 'blue' : 'gray'}
            variant="light"
            p="xs"
            mt="sm"
            data-testid="incident-adoption-waits"
            data-until={inc.adoption.waitsForReplyUntil}
          >
            <Text size="sm">
              {t(waiting ? 'incidents.adoption.waits' : 'incidents.adoption.notBefore', {
                when: fmt.dateTime(inc.adoption.waitsForReplyUntil),
                relative: words.fromNow(inc.adoption.waitsForReplyUntil, now),
              })}{' '}
              <Names ids={inc.adoption.awaitedPartyIds} name={text.organisation} />
            </Text>
          </Alert>
        )}
        {inc.adoption?.ruleMet && !inc.adoption.waitsForReplyUntil && (
          <Text size="sm" c="dimmed" mt="sm" data-testid="incident-adoption-due">
            {t('incidents.adoption.due')}
          </Text>
        )}
        {inc.dispute && (
          <Alert color="orange" variant="light" p="xs" mt="sm" data-testid="incident-dispute">
            <Text size="sm">{t('incidents.dispute.next')}</Text>
          </Alert>
        )}
      </Card>

      <Section title={t('incidents.detail.reports')} testId="incident-reports">
        <Stack gap={6}>
          {inc.reports.map((r) => (
            <Group key={r.id} gap="xs" data-testid="incident-report" wrap="wrap">
              {r.readable ? (
                <Anchor component={Link} to={`/reports/${r.id}`} size="sm" dir="auto" td={r.withdrawn ? 'line-through' : undefined}>
                  <VocabularyLabel labels={text.typeLabels(r.typeCode)} otherwise={r.typeCode} />
                </Anchor>
              ) : (
                <Text size="sm" dir="auto">
                  <VocabularyLabel labels={text.typeLabels(r.typeCode)} otherwise={r.typeCode} />
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {fmt.dateTime(r.occurredAt)} · {t('incidents.detail.filedBy')} <bdi>{text.organisation(r.reporterOrganisationId)}</bdi>
                {r.allegedPartyId && (
                  <>
                    {' · '}
                    {t('reports.row.alleged')} <bdi>{text.organisation(r.allegedPartyId)}</bdi>
                  </>
                )}
              </Text>
              {r.withdrawn && (
                <Badge color="red" size="xs">
                  {t('reports.badge.withdrawn')}
                </Badge>
              )}
              {!r.readable && (
                <Badge color="gray" variant="light" size="xs">
                  {t('incidents.detail.notReadable')}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      </Section>

      <Section title={t('incidents.reply.title')} testId="incident-replies">
        <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
          <Text size="xs" c="dimmed">
            {t('incidents.reply.deadline', { when: fmt.dateTime(inc.replyDeadline), relative: words.fromNow(inc.replyDeadline, now) })}
          </Text>
          {canEndReplyPeriod && (
            <Button size="compact-sm" variant="light" color="orange" onClick={() => setEnding(true)} data-testid="incident-end-reply">
              {t('incidents.replyPeriod.button')}
            </Button>
          )}
        </Group>
        {inc.replyPeriod.endedEarly && (
          <Alert color="orange" variant="light" p="xs" mb="sm" data-testid="incident-reply-ended">
            <Text size="sm">{t('incidents.replyPeriod.ended', { when: fmt.dateTime(inc.replyPeriod.endedEarly.at) })}</Text>
            {inc.replyPeriod.endedEarly.reason && (
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} className="truce-break" data-testid="incident-reply-ended-reason">
                {inc.replyPeriod.endedEarly.reason}
              </Text>
            )}
          </Alert>
        )}
        {inc.replies.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('incidents.reply.noAccused')}
          </Text>
        )}
        <Stack gap="md">
          {inc.replies.map((r) => (
            <Stack key={r.partyId} gap={6} data-testid="incident-reply-party" data-state={r.state}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  <bdi>{text.organisation(r.partyId)}</bdi>
                </Text>
                <Badge color={r.state === 'replied' ? 'teal' : r.state === 'due' ? 'blue' : 'gray'} variant="light" size="sm">
                  {r.state === 'due'
                    ? t('incidents.reply.due', { relative: words.fromNow(inc.replyDeadline, now) })
                    : r.state === 'replied'
                      ? t('incidents.reply.replied', { when: fmt.dateTime(r.repliedAt ?? inc.replyDeadline) })
                      : t('incidents.reply.noReply')}
                </Badge>
              </Group>
              {inc.replyTexts
                .filter((x) => x.partyId === r.partyId)
                .map((x) => (
                  <Card key={x.id} bg="gray.0" padding="sm" data-testid="incident-reply" data-id={x.id}>
                    <Group justify="space-between" gap="xs" mb={4}>
                      <Text size="xs" c="dimmed">
                        {fmt.dateTime(x.at)}
                      </Text>
                      <ReceiptButton entry={receiptEntry('reply', x.id, { types: ['incident.replied'] })} testId="reply-receipt" size="compact-xs" short />
                    </Group>
                    {x.withheld ? (
                      <Text size="sm" c="dimmed" fs="italic" data-testid="incident-reply-withheld">
                        {t('incidents.withheld.reply')}
                      </Text>
                    ) : (
                      <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} className="truce-break">
                        {x.text}
                      </Text>
                    )}
                    {x.evidence.length > 0 && (
                      <>
                        <Divider my="xs" />
                        <EvidenceList hashes={x.evidence} />
                      </>
                    )}
                  </Card>
                ))}
            </Stack>
          ))}
        </Stack>
        {canReply && myReply?.state === 'due' && (
          <>
            <Divider my="md" />
            <ReplyForm incident={inc} onDone={() => setDone('replied')} />
          </>
        )}
      </Section>

      <Section title={t('incidents.assessments.title')} testId="incident-assessments">
        <Stack gap="md">
          {rounds.map((round) => {
            const list = inc.assessments.filter((a) => a.round === round);
            const past = inc.findingHistory.find((f) => f.round === round);
            return (
              <Stack key={round} gap="xs" data-testid="incident-round" data-round={round}>
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {t('incidents.assessments.round', { round: fmt.number(round) })}
                  </Text>
                  {round === inc.round && (
                    <Badge size="xs" variant="light">
                      {t('incidents.assessments.current')}
                    </Badge>
                  )}
                </Group>
                {list.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('incidents.assessments.none')}
                  </Text>
                )}
                {list.map((a) => (
                  <Card key={a.id} withBorder padding="sm" data-testid="incident-assessment" data-id={a.id}>
                    <Group gap="xs" mb={4}>
                      <Text size="sm" fw={600}>
                        <bdi>{text.organisation(a.guarantorId)}</bdi>
                      </Text>
                      <Text size="xs" c="dimmed">
                        {fmt.dateTime(a.at)}
                      </Text>
                      <ReceiptButton
                        entry={receiptEntry('assessment', a.id, { types: ['incident.assessed'] })}
                        testId="assessment-receipt"
                        size="compact-xs"
                        short
                      />
                    </Group>
                    <Group gap={4}>{findingLine({ verification: a.verification, attribution: a.attribution })}</Group>
                    {a.reasoningWithheld ? (
                      <Text size="sm" mt={6} c="dimmed" fs="italic" data-testid="incident-reasoning-withheld">
                        {t('incidents.withheld.reasoning')}
                      </Text>
                    ) : (
                      <Text size="sm" mt={6} dir="auto" style={{ whiteSpace: 'pre-wrap' }} className="truce-break">
                        {a.reasoning}
                      </Text>
                    )}
                  </Card>
                ))}
                {past?.reopenedAt && (
                  <Alert color="orange" variant="light" p="xs">
                    <Text size="sm">{t('incidents.assessments.reopened', { when: fmt.dateTime(past.reopenedAt) })}</Text>
                    {past.reopenReason && (
                      <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                        {past.reopenReason}
                      </Text>
                    )}
                  </Alert>
                )}
              </Stack>
            );
          })}
        </Stack>
        {canAssess && (
          <>
            <Divider my="md" />
            <Title order={4} size="h6" mb="xs">
              {mine ? t('incidents.assess.again') : t('incidents.assess.title')}
            </Title>
            <AssessForm incident={inc} parties={parties} onDone={() => setDone('assessed')} />
          </>
        )}
        {guarantors.length > 0 && !canAssess && !inc.finding && (
          <Text size="xs" c="dimmed" mt="sm">
            {t('incidents.assess.onlyGuarantors')}
          </Text>
        )}
      </Section>

      <Section title={t('incidents.timeline.title')} testId="incident-timeline">
        <Timeline bulletSize={14} lineWidth={2}>
          {inc.timeline.map((e, i) => (
            <Timeline.Item key={`${e.kind}-${e.id}-${i}`} title={t(`incidents.timeline.${e.kind}`)} data-kind={e.kind}>
              <Text size="xs" c="dimmed">
                {fmt.dateTime(e.at)}
                {e.organisationId && (
                  <>
                    {' · '}
                    <bdi>{text.organisation(e.organisationId)}</bdi>
                  </>
                )}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        <List size="xs" c="dimmed" mt="sm" listStyleType="none">
          <List.Item>{t('incidents.timeline.nothingDeleted')}</List.Item>
        </List>
      </Section>

      <FormModal opened={ending} onClose={() => setEnding(false)} title={t('incidents.replyPeriod.title')} size="md" testId="incident-end-reply-dialog">
        {ending && (
          <EndReplyPeriodForm
            incident={inc}
            onDone={() => {
              setEnding(false);
              setDone('ended');
            }}
            onCancel={() => setEnding(false)}
          />
        )}
      </FormModal>
      <FormModal opened={reopening} onClose={() => setReopening(false)} title={t('incidents.reopen.title')} size="md" testId="incident-reopen-dialog">
        {reopening && (
          <ReopenForm
            incident={inc}
            onDone={() => {
              setReopening(false);
              setDone('reopened');
            }}
            onCancel={() => setReopening(false)}
          />
        )}
      </FormModal>
    </Stack>
  );
}
