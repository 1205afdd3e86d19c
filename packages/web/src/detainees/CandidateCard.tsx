import { forwardRef, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { PersonRecord } from '@truce/core/detainees/person';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';
import { useFormat } from '../i18n/format.ts';
import type { Candidate, Comparison, DecisionInput } from './api.ts';
import { ComparisonBadge } from './Badges.tsx';
import { fieldOfColumn, useDetaineeText, valueText, type DetaineeText } from './labels.ts';
import { birthOf, personName, scorePercent } from './names.ts';
import './detainees.css';

/** A compared field's value on one side: birth as date or year, others as the record has it. */
function sideValue(text: DetaineeText, field: string, p: PersonRecord | null): string {
  if (!p) return '';
  if (field === 'birth_date' || field === 'birth_year') return birthOf(p);
  const f = fieldOfColumn(field);
  return f ? valueText(text, f, p[f]) : '';
}

interface Row {
  key: string;
  label: string;
  sought: string;
  held: string;
  /** The side gives no value for this name part but has a full name, which the matcher reads it from. */
  soughtInFull: boolean;
  heldInFull: boolean;
  comparison: Comparison | null;
}

const NAME_PARTS = new Set(['given_name', 'father_name', 'grandfather_name', 'family_name']);
const inFull = (field: string, value: string, p: PersonRecord | null) => !value && NAME_PARTS.has(field) && !!p?.fullName;

function rowsOf(text: DetaineeText, c: Candidate): Row[] {
  // The names as written first (for the reader; the matcher compares their parts below), then each compared field.
  const rows: Row[] = [
    {
      key: 'name',
      label: text.field('fullName'),
      sought: personName(c.sought),
      held: personName(c.held),
      soughtInFull: false,
      heldInFull: false,
      comparison: null,
    },
  ];
  for (const [i, cmp] of (Array.isArray(c.comparisons) ? c.comparisons : []).entries()) {
    const sought = sideValue(text, cmp.field, c.sought);
    const held = sideValue(text, cmp.field, c.held);
    const compared = cmp.outcome !== 'missing';
    rows.push({
      key: `${cmp.field}-${i}`,
      label: text.column(cmp.field),
      sought,
      held,
      soughtInFull: compared && inFull(cmp.field, sought, c.sought),
      heldInFull: compared && inFull(cmp.field, held, c.held),
      comparison: cmp,
    });
  }
  return rows;
}

const NAMEY = new Set(['name', 'given_name', 'father_name', 'grandfather_name', 'family_name', 'mother_name', 'birth_place', 'full_name']);

function Cell({ value, field, fromFull = false }: { value: string; field: string; fromFull?: boolean }) {
  const { t } = useTranslation();
  if (!value && fromFull) {
    return (
      <Text span size="xs" c="dimmed" fs="italic">
        {t('detainees.match.inFullName')}
      </Text>
    );
  }
  if (!value)
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  // Names and places in their own direction (Arabic right to left, Latin left to right); dates and numbers left to right.
  return (
    <Text span size="sm" fw={field === 'name' ? 600 : undefined} className="truce-break">
      {value}
    </Text>
  );
}

function Weight({ weight }: { weight?: number }) {
  const { i18n, t } = useTranslation();
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight === 0) return null;
  const n = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, signDisplay: 'always' }).format(weight);
  return (
    <Text span size="xs" c="dimmed" title={t('detainees.match.weightHelp')}>
      <bdi dir="ltr">{n}</bdi>
    </Text>
  );
}

export interface CandidateCardProps {
  candidate: Candidate;
  soughtListId: string;
  heldListId: string;
  soughtLabel: string;
  heldLabel: string;
  sending: boolean;
  error: unknown;
  onDecide: (input: DecisionInput) => void;
  onMove: (step: 1 | -1) => void;
}

/**
 * One candidate pair side by side: the sought person and the held person field by field,
 * with how each field compared (colour, sign and word), the score and the band. Confirm
 * and Reject by button or key: C confirms, R rejects, J / K or the arrows move between pairs.
 */
export const CandidateCard = forwardRef<HTMLDivElement, CandidateCardProps>(function CandidateCard(
  { candidate: c, soughtListId, heldListId, soughtLabel, heldLabel, sending, error, onDecide, onMove },
  ref,
) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const text = useDetaineeText();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [note, setNote] = useState(c.decision?.note ?? '');
  const rows = rowsOf(text, c);
  const decide = (decision: 'confirmed' | 'rejected') => {
    if (sending || c.decision?.decision === decision) return;
    onDecide({
      soughtListId,
      soughtRef: c.soughtRef,
      heldListId,
      heldRef: c.heldRef,
      decision,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(c.decision ? { version: c.decision.version } : {}),
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'c') decide('confirmed');
    else if (key === 'r') decide('rejected');
    else if (key === 'j' || (key === 'arrowdown' && target === e.currentTarget)) onMove(1);
    else if (key === 'k' || (key === 'arrowup' && target === e.currentTarget)) onMove(-1);
    else return;
    e.preventDefault();
  };
  const counts = (['agree', 'similar', 'conflict', 'missing'] as const)
    .map((o) => [o, (c.comparisons ?? []).filter((x) => x.outcome === o).length] as const)
    .filter(([, n]) => n > 0);

  return (
    <Card
      ref={ref}
      withBorder
      padding="md"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={t('detainees.match.pairLabel', { sought: c.soughtRef, held: c.heldRef, score: scorePercent(c.score, i18n.language) })}
      data-testid="candidate"
      data-sought={c.soughtRef}
      data-held={c.heldRef}
      data-decision={c.decision?.decision ?? 'open'}
      className="truce-candidate"
    >
      <Group justify="space-between" gap="xs" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Text fw={700} size="xl" data-testid="candidate-score">
            <bdi>{scorePercent(c.score, i18n.language)}</bdi>
          </Text>
          <Badge color={c.band === 'link' ? 'teal' : 'yellow'} variant="light" data-testid="candidate-band" data-band={c.band}>
            {t(`detainees.match.band.${c.band}`)}
          </Badge>
          {c.decision && (
            <Badge color={c.decision.decision === 'confirmed' ? 'green' : 'red'} variant="filled" data-testid="candidate-decision">
              {c.decision.decision === 'confirmed'
                ? t('detainees.match.confirmedOn', { when: fmt.date(c.decision.at) })
                : t('detainees.match.rejectedOn', { when: fmt.date(c.decision.at) })}
            </Badge>
          )}
          {c.decision && (
            // The entry names the two lists only (the persons are sealed): the decision's is the one nearest its time.
            <ReceiptButton
              entry={receiptEntry('soughtList', soughtListId, {
                types: ['detainees.match.decided', 'detainees.duplicate.decided'],
                subject: { heldList: heldListId },
                which: { nearest: c.decision.at },
              })}
              testId="candidate-receipt"
              size="compact-xs"
              short
            />
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {counts.map(([o, n], i) => (
            <span key={o}>
              {i > 0 && ' · '}
              {text.comparison(o)}: {fmt.number(n)}
            </span>
          ))}
        </Text>
      </Group>

      {phone ? (
        // On a phone too the two persons stand side by side, field under field; the long column headings are said once.
        <Stack gap={6} data-testid="candidate-fields">
          <SimpleGrid cols={2} spacing="xs">
            <Text size="xs" fw={600}>
              {soughtLabel}{' '}
              <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                {c.soughtRef}
              </bdi>
            </Text>
            <Text size="xs" fw={600}>
              {heldLabel}{' '}
              <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                {c.heldRef}
              </bdi>
            </Text>
          </SimpleGrid>
          {rows.map((r) => {
            const field = r.comparison?.field ?? 'name';
            const dir = NAMEY.has(field) ? 'auto' : 'ltr';
            return (
              <div
                key={r.key}
                data-field={field}
                data-outcome={r.comparison?.outcome}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 4 }}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {r.label}
                  </Text>
                  {r.comparison && <ComparisonBadge outcome={r.comparison.outcome} />}
                </Group>
                <SimpleGrid cols={2} spacing="xs">
                  <div dir={dir} style={{ textAlign: 'start' }} data-testid="candidate-sought-value">
                    <Cell value={r.sought} field={field} fromFull={r.soughtInFull} />
                  </div>
                  <div dir={dir} style={{ textAlign: 'start' }} data-testid="candidate-held-value">
                    <Cell value={r.held} field={field} fromFull={r.heldInFull} />
                  </div>
                </SimpleGrid>
                {r.comparison?.detail && (
                  <Text size="xs" c="dimmed" dir="auto" className="truce-break">
                    {r.comparison.detail}
                  </Text>
                )}
              </div>
            );
          })}
        </Stack>
      ) : (
        <Table withTableBorder withColumnBorders verticalSpacing={6} data-testid="candidate-fields" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: '18%' }}>{t('detainees.match.field')}</Table.Th>
              <Table.Th style={{ width: '28%' }}>
                {soughtLabel}{' '}
                <Text span size="xs" c="dimmed">
                  <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                    {c.soughtRef}
                  </bdi>
                </Text>
              </Table.Th>
              <Table.Th style={{ width: '28%' }}>
                {heldLabel}{' '}
                <Text span size="xs" c="dimmed">
                  <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                    {c.heldRef}
                  </bdi>
                </Text>
              </Table.Th>
              <Table.Th>{t('detainees.match.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const field = r.comparison?.field ?? 'name';
              const dir = NAMEY.has(field) ? 'auto' : 'ltr';
              return (
                <Table.Tr key={r.key} data-field={field} data-outcome={r.comparison?.outcome}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.label}
                    </Text>
                  </Table.Td>
                  <Table.Td dir={dir} data-testid="candidate-sought-value">
                    <Cell value={r.sought} field={field} fromFull={r.soughtInFull} />
                  </Table.Td>
                  <Table.Td dir={dir} data-testid="candidate-held-value">
                    <Cell value={r.held} field={field} fromFull={r.heldInFull} />
                  </Table.Td>
                  <Table.Td>
                    {r.comparison && (
                      <Stack gap={2}>
                        <Group gap={6} wrap="nowrap">
                          <ComparisonBadge outcome={r.comparison.outcome} />
                          <Weight weight={r.comparison.weight} />
                        </Group>
                        {r.comparison.detail && (
                          <Text size="xs" c="dimmed" dir="auto" className="truce-break">
                            {r.comparison.detail}
                          </Text>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      <Stack gap="xs" mt="sm">
        <ProblemAlert error={error} testId="candidate-problem" />
        <Textarea
          label={t('detainees.match.note')}
          placeholder={t('detainees.match.notePlaceholder')}
          autosize
          minRows={1}
          maxLength={2000}
          dir="auto"
          size="xs"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="candidate-note"
        />
        <Group justify="flex-end" gap="xs">
          <Button
            color="red"
            variant={c.decision?.decision === 'rejected' ? 'filled' : 'outline'}
            disabled={c.decision?.decision === 'rejected'}
            loading={sending}
            onClick={() => decide('rejected')}
            data-testid="candidate-reject"
          >
            {t('detainees.match.reject')}{' '}
            <Text span size="xs" ms={6} aria-hidden="true">
              (R)
            </Text>
          </Button>
          <Button
            color="green"
            variant="filled"
            disabled={c.decision?.decision === 'confirmed'}
            loading={sending}
            onClick={() => decide('confirmed')}
            data-testid="candidate-confirm"
          >
            {t('detainees.match.confirm')}{' '}
            <Text span size="xs" ms={6} aria-hidden="true">
              (C)
            </Text>
          </Button>
        </Group>
      </Stack>
    </Card>
  );
});
