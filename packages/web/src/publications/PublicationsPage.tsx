import { useState } from 'react';
import { Anchor, Badge, Button, Card, Code, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '@truce/core/documents/model';
import type { PublicationKind } from '@truce/core/publications/figures';
import { usePermissions } from '../app/permissions.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';
import { useIssuePublication, usePublications, type Publication } from './api.ts';
import { mechanismToday } from '../app/clock.ts';

/** The last full calendar quarter before today: the usual period of a report. */
function lastQuarter(today = mechanismToday()): { from: string; to: string } {
  const q = Math.floor(today.getUTCMonth() / 3);
  const start = new Date(Date.UTC(today.getUTCFullYear(), (q - 1) * 3, 1));
  const end = new Date(Date.UTC(today.getUTCFullYear(), q * 3, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

function IssueForm() {
  const { t, i18n } = useTranslation();
  const issue = useIssuePublication();
  // On a phone the two long names of the documents are stacked, not squeezed side by side.
  const narrow = useMediaQuery('(max-width: 36em)');
  const [kind, setKind] = useState<PublicationKind>('un');
  const [period, setPeriod] = useState(lastQuarter);
  const [language, setLanguage] = useState<DocumentLanguage>(
    (DOCUMENT_LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as DocumentLanguage) : 'en',
  );
  const fieldError = (field: string) => {
    const err = issue.error as { errors?: { path: string; message: string }[] } | null;
    return err?.errors?.find((e) => e.path === `/body/${field}`)?.message;
  };
  return (
    <Card withBorder padding="md" data-testid="publication-issue">
      <Stack gap="sm">
        <Title order={4}>{t('publications.issueTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('publications.issueHelp')}
        </Text>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as PublicationKind)}
          data={[
            { value: 'un', label: t('publications.kind.un') },
            { value: 'issg', label: t('publications.kind.issg') },
          ]}
          orientation={narrow ? 'vertical' : 'horizontal'}
          fullWidth={narrow}
          data-testid="publication-kind"
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput
            type="date"
            label={t('publications.from')}
            value={period.from}
            onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })}
            error={fieldError('from')}
            data-testid="publication-from"
          />
          <TextInput
            type="date"
            label={t('publications.to')}
            value={period.to}
            onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })}
            error={fieldError('to')}
            data-testid="publication-to"
          />
          <NativeSelect
            label={t('publications.language')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as DocumentLanguage)}
            data={DOCUMENT_LANGUAGES.map((l) => ({ value: l, label: t(`publications.languages.${l}`) }))}
            data-testid="publication-language"
          />
        </SimpleGrid>
        <ProblemAlert error={issue.error} />
        {issue.data && (
          <Text size="sm" c="teal.8" data-testid="publication-issued">
            {t('publications.issued', { version: issue.data.version })}
          </Text>
        )}
        <Group>
          <Button loading={issue.isPending} onClick={() => issue.mutate({ kind, ...period, language })} data-testid="publication-submit">
            {t('publications.issue')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Row({ p }: { p: Publication }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Table.Tr data-testid="publication-row" data-kind={p.kind} data-version={p.version}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t(`publications.kind.${p.kind}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {fmt.date(p.period.from)} – {fmt.date(p.period.to)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light">{t(`publications.languages.${p.language}`)}</Badge>
      </Table.Td>
      <Table.Td>{fmt.number(p.version)}</Table.Td>
      <Table.Td>
        <Text size="sm">{fmt.dateTime(p.issuedAt)}</Text>
        <Text size="xs" c="dimmed">
          <bdi>{p.issuedBy.name ?? ''}</bdi>
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{t('publications.treeSize', { size: fmt.number(p.checkpoint.size) })}</Text>
        <Code style={{ fontSize: 10 }} dir="ltr" title={t('publications.sha256')}>
          {p.pdf.sha256.slice(0, 16)}…
        </Code>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Anchor href={p.links.html} target="_blank" rel="noopener" size="sm" data-testid="publication-open">
            {t('publications.open')}
          </Anchor>
          <Anchor href={p.links.pdf} download size="sm" data-testid="publication-pdf">
            PDF
          </Anchor>
          <Anchor href={p.links.csv} download size="sm">
            CSV
          </Anchor>
          <Anchor href={p.links.json} download size="sm">
            JSON
          </Anchor>
          <ReceiptButton entry={receiptEntry('publication', p.id, { types: ['publication.issued'] })} testId="publication-receipt" size="compact-xs" short />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * /publications: the violation reports to the United Nations and the briefings for the
 * support group, each version as issued (frozen), with its web page, PDF and data annexes;
 * the secretariat issues new ones here.
 */
export function PublicationsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const list = usePublications();
  return (
    <Stack gap="md">
      <PageHeader title={t('publications.title')} description={t('publications.description')} />
      {permissions.can('publications.issue') && <IssueForm />}
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (list.data ?? []).length === 0 ? (
        <Text c="dimmed" data-testid="publications-empty">
          {t('publications.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="publications-table" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('publications.publication')}</Table.Th>
                <Table.Th>{t('publications.language')}</Table.Th>
                <Table.Th>{t('publications.version')}</Table.Th>
                <Table.Th>{t('publications.issuedAt')}</Table.Th>
                <Table.Th>{t('publications.checkpoint')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((p) => (
                <Row key={p.id} p={p} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
