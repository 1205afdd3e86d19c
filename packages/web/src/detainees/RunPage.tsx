import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { Pager } from '../components/Pager.tsx';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useCandidates, useDecide, useLists, type CandidateFilter, type DecisionInput } from './api.ts';
import { CandidateCard } from './CandidateCard.tsx';
import { RunFigures, RunStatus, runOutdated, useListName } from './MatchingPage.tsx';

const PAGE = 20;
const BANDS = ['', 'link', 'review'] as const;
const DECISIONS = ['open', 'confirmed', 'rejected', ''] as const;

/**
 * /detainees/matching/:runId: a run's candidate pairs, best first, to confirm or reject one
 * by one — by mouse, touch or keyboard. Open pairs by default; decided ones can be shown
 * and changed (the change names the decision's version, so two reviewers cannot overwrite
 * each other unseen).
 */
export function RunPage() {
  const { t } = useTranslation();
  const { runId = '' } = useParams();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const band = (BANDS as readonly string[]).includes(params.get('band') ?? '') ? (params.get('band') as CandidateFilter['band']) : '';
  const decisionParam = params.get('decision');
  const decision =
    decisionParam === null ? 'open' : (DECISIONS as readonly string[]).includes(decisionParam) ? (decisionParam as CandidateFilter['decision']) : 'open';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const candidates = useCandidates(runId, { band, decision, limit: PAGE, offset: (page - 1) * PAGE });
  const lists = useLists();
  const name = useListName(lists.data);
  const decide = useDecide();
  const [pending, setPending] = useState<{ key: string; error: unknown } | null>(null);
  const cards = useRef<(HTMLDivElement | null)[]>([]);
  const [focusAt, setFocusAt] = useState<number | null>(null);

  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );

  const list = candidates.data?.candidates ?? [];
  // After a decision the next pair takes the focus, so a reviewer can go on with the keyboard.
  useEffect(() => {
    if (focusAt === null || candidates.isFetching) return;
    const i = Math.min(focusAt, list.length - 1);
    if (i >= 0) cards.current[i]?.focus();
    setFocusAt(null);
  }, [focusAt, candidates.isFetching, list.length]);

  const run = candidates.data?.run;
  const soughtOwner = run ? lists.data?.find((l) => l.id === run.soughtListId) : undefined;
  const heldOwner = run ? lists.data?.find((l) => l.id === run.heldListId) : undefined;
  const soughtLabel = soughtOwner
    ? `\u2068${soughtOwner.partyShortName || soughtOwner.partyName}\u2069 · ${t('detainees.kind.sought')}`
    : t('detainees.kind.sought');
  const heldLabel = heldOwner
    ? `\u2068${heldOwner.partyShortName || heldOwner.partyName}\u2069 · ${t(`detainees.kind.${heldOwner.kind}`)}`
    : t('detainees.kind.held');
  const total = candidates.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));

  const send = (index: number, key: string, input: DecisionInput) => {
    setPending({ key, error: null });
    decide.mutate(input, {
      onSuccess: () => {
        setPending(null);
        setFocusAt(index);
      },
      onError: (error) => setPending({ key, error }),
    });
  };

  return (
    <Stack gap="md" data-testid="run-page">
      <Anchor component={Link} to="/detainees/matching" size="sm">
        {t('detainees.match.back')}
      </Anchor>
      <PageHeader
        title={t('detainees.match.runTitle')}
        description={
          run ? (
            <>
              <bdi>{name(run.soughtListId, run.soughtVersion)}</bdi>
              {run.kind === 'match' && (
                <>
                  {' ↔ '}
                  <bdi>{name(run.heldListId, run.heldVersion)}</bdi>
                </>
              )}
            </>
          ) : undefined
        }
      />
      {run && (
        <Group gap="sm">
          <RunStatus run={run} outdated={runOutdated(run, lists.data)} />
          <RunFigures run={run} />
        </Group>
      )}
      <Group gap="sm" wrap="wrap" align="flex-end">
        <NativeSelect
          label={t('detainees.match.bandFilter')}
          value={band ?? ''}
          onChange={(e) => setParam('band', e.currentTarget.value)}
          data={[
            { value: '', label: t('detainees.match.anyBand') },
            { value: 'link', label: t('detainees.match.band.link') },
            { value: 'review', label: t('detainees.match.band.review') },
          ]}
          data-testid="candidates-band"
        />
        <NativeSelect
          label={t('detainees.match.decisionFilter')}
          value={decision ?? ''}
          onChange={(e) => setParam('decision', e.currentTarget.value)}
          data={[
            { value: 'open', label: t('detainees.match.open') },
            { value: 'confirmed', label: t('detainees.match.confirmed') },
            { value: 'rejected', label: t('detainees.match.rejected') },
            { value: '', label: t('detainees.match.anyDecision') },
          ]}
          data-testid="candidates-decision"
        />
      </Group>
      <Text size="xs" c="dimmed" data-testid="candidates-keys">
        {t('detainees.match.keys')}
      </Text>
      <ProblemAlert error={candidates.error ?? lists.error} />
      {candidates.isPending ? (
        <Loading />
      ) : run && (run.status === 'queued' || run.status === 'running') ? (
        <Alert color="blue" data-testid="candidates-waiting">
          {t('detainees.match.running')}
        </Alert>
      ) : list.length === 0 ? (
        <Text c="dimmed" data-testid="candidates-none">
          {decision === 'open' ? t('detainees.match.noneOpen') : t('detainees.match.none')}
        </Text>
      ) : (
        <Stack gap="md" data-testid="candidates">
          <Text size="sm" c="dimmed">
            {t('detainees.list.showing', { from: fmt.number((page - 1) * PAGE + 1), to: fmt.number(Math.min(total, page * PAGE)), total: fmt.number(total) })}
          </Text>
          {list.map((c, i) => {
            const key = `${c.soughtRef}\u0000${c.heldRef}`;
            return (
              <CandidateCard
                key={key}
                ref={(el) => {
                  cards.current[i] = el;
                }}
                candidate={c}
                soughtListId={run!.soughtListId}
                heldListId={run!.heldListId}
                soughtLabel={soughtLabel}
                heldLabel={heldLabel}
                sending={pending?.key === key && decide.isPending}
                error={pending?.key === key ? pending.error : null}
                onDecide={(input) => send(i, key, input)}
                onMove={(step) => cards.current[Math.max(0, Math.min(list.length - 1, i + step))]?.focus()}
              />
            );
          })}
          {pages > 1 && (
            <Group justify="center">
              <Pager total={pages} value={Math.min(page, pages)} onChange={(p) => setParam('page', String(p))} size="sm" />
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
