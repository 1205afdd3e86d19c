import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CANONICAL_COLUMNS, type CanonicalColumn } from '@truce/core/detainees/person';
import type { ColumnMapping } from '@truce/core/detainees/headers';
import { useFormat } from '../i18n/format.ts';
import type { PersonChanges, UploadPreview } from './api.ts';
import { useDetaineeText, valueText } from './labels.ts';
import { personName } from './names.ts';
import { NameText } from './PersonsTable.tsx';
import { TableScroll } from '../components/TableScroll.tsx';

/**
 * The file's headers, each with the canonical column it fills (or "ignore"), as the server
 * suggested them (Arabic headers included) or as the user maps them. Saving sends the whole
 * mapping and shows the new preview.
 */
export function MappingTable({ preview, saving, onSave }: { preview: UploadPreview; saving: boolean; onSave: (mapping: ColumnMapping) => void }) {
  const { t } = useTranslation();
  const text = useDetaineeText();
  const [draft, setDraft] = useState<ColumnMapping>(preview.mapping);
  useEffect(() => setDraft(preview.mapping), [preview.mapping]);
  const headers = useMemo(() => [...new Set(preview.headers)], [preview.headers]);
  const changed = headers.some((h) => (draft[h] ?? null) !== (preview.mapping[h] ?? null));
  const problemHeaders = new Set(preview.mappingProblems.flatMap((p) => p.headers));
  const options = [{ value: '', label: t('detainees.upload.ignore') }, ...CANONICAL_COLUMNS.map((c) => ({ value: c, label: text.column(c) }))];

  return (
    <Card withBorder padding="md" data-testid="upload-mapping">
      <Title order={3} size="h5" mb={4}>
        {t('detainees.upload.mappingTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('detainees.upload.mappingHelp')}
      </Text>
      {preview.mappingProblems.length > 0 && (
        <Alert color="orange" mb="sm" title={t('detainees.upload.mappingProblems')} data-testid="upload-mapping-problems">
          <List size="sm" spacing={4}>
            {preview.mappingProblems.map((p, i) => (
              <List.Item key={i} data-code={p.code}>
                {t(`detainees.mappingProblem.${p.code}`, { defaultValue: p.message })}
                {p.headers.length > 0 && (
                  <>
                    {' — '}
                    {p.headers.map((h, j) => (
                      <span key={h}>
                        {j > 0 && ', '}
                        <bdi dir="auto">«{h}»</bdi>
                      </span>
                    ))}
                  </>
                )}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Table data-testid="upload-mapping-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('detainees.upload.fileHeader')}</Table.Th>
            <Table.Th>{t('detainees.upload.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {headers.map((h, i) => (
            <Table.Tr key={`${h}-${i}`} data-testid="upload-mapping-row" data-header={h}>
              <Table.Td style={{ width: '45%' }}>
                <Text size="sm" fw={600} className="truce-break" c={problemHeaders.has(h) ? 'orange.9' : undefined}>
                  {h === '' ? (
                    <Text span c="dimmed" size="sm">
                      {t('detainees.upload.emptyHeader')}
                    </Text>
                  ) : (
                    <bdi dir="auto">{h}</bdi>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={t('detainees.upload.columnFor', { header: h })}
                  size="xs"
                  value={draft[h] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setDraft((m) => ({ ...m, [h]: value === '' ? null : (value as CanonicalColumn) }));
                  }}
                  data={options}
                  data-testid="upload-mapping-select"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end" mt="sm" gap="xs">
        {changed && (
          <Button variant="default" size="xs" onClick={() => setDraft(preview.mapping)}>
            {t('detainees.upload.undoMapping')}
          </Button>
        )}
        <Button size="xs" disabled={!changed} loading={saving} onClick={() => onSave(draft)} data-testid="upload-mapping-save">
          {t('detainees.upload.saveMapping')}
        </Button>
      </Group>
    </Card>
  );
}

/** Each problem of the file by row and column. Nothing is imported from a file with any error. */
export function UploadErrors({ preview }: { preview: UploadPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder padding="md" data-testid="upload-errors">
      <Alert color="red" title={t('detainees.upload.errorsTitle', { n: fmt.number(preview.errorCount) })} mb="sm" data-testid="upload-nothing-imported">
        {t('detainees.upload.nothingImported')}
      </Alert>
      {preview.errorCount > preview.errors.length && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('detainees.upload.errorsShown', { shown: fmt.number(preview.errors.length), n: fmt.number(preview.errorCount) })}
        </Text>
      )}
      <TableScroll>
        <Table striped data-testid="upload-errors-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('detainees.upload.row')}</Table.Th>
              <Table.Th>{t('detainees.upload.column')}</Table.Th>
              <Table.Th>{t('detainees.upload.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.errors.map((e, i) => (
              <Table.Tr key={i} data-testid="upload-error" data-row={e.row} data-column={e.column} data-code={e.code}>
                <Table.Td>{fmt.number(e.row)}</Table.Td>
                <Table.Td>
                  <bdi dir="auto">{e.column || '—'}</bdi>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`detainees.rowError.${e.code}`, { defaultValue: e.message })}</Text>
                  <Text size="xs" c="dimmed" lang="en" dir="ltr" ta="start" className="truce-break">
                    {e.message}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Card>
  );
}

function Samples({ title, children, count, testId }: { title: string; count: number; children: ReactNode; testId: string }) {
  const fmt = useFormat();
  if (count === 0) return null;
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={600}>
        {title}{' '}
        <Badge size="sm" variant="light">
          {fmt.number(count)}
        </Badge>
      </Text>
      {children}
    </Stack>
  );
}

/** What accepting the file would change: persons added, removed and changed (with the fields), from the first fifty of each. */
export function UploadChanges({ changes }: { changes: PersonChanges }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useDetaineeText();
  const noName = t('detainees.person.noName');
  const shown = (n: number, sample: number) =>
    n > sample ? (
      <Text size="xs" c="dimmed">
        {t('detainees.upload.firstOnly', { shown: fmt.number(sample), n: fmt.number(n) })}
      </Text>
    ) : null;
  return (
    <Card withBorder padding="md" data-testid="upload-changes">
      <Title order={3} size="h5" mb="sm">
        {t('detainees.upload.changesTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mb="md">
        {(
          [
            ['added', changes.added, 'teal'],
            ['removed', changes.removed, 'red'],
            ['changed', changes.changed, 'orange'],
            ['unchanged', changes.unchanged, 'gray'],
          ] as const
        ).map(([k, n, c]) => (
          <Card key={k} padding="xs" withBorder data-testid={`upload-count-${k}`} data-n={n}>
            <Text size="xl" fw={700} c={`${c}.8`}>
              {fmt.number(n)}
            </Text>
            <Text size="xs">{t(`detainees.upload.count.${k}`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Stack gap="md">
        <Samples title={t('detainees.upload.count.added')} count={changes.added} testId="upload-added">
          {changes.samples.added.map((p) => (
            <Text key={p.ref} size="sm" className="truce-break">
              <Text span c="teal.8" fw={700} aria-hidden="true">
                +{' '}
              </Text>
              <bdi dir="ltr">{p.ref}</bdi> · <NameText name={personName(p)} fallback={noName} />
            </Text>
          ))}
          {shown(changes.added, changes.samples.added.length)}
        </Samples>
        <Samples title={t('detainees.upload.count.removed')} count={changes.removed} testId="upload-removed">
          {changes.samples.removed.map((p) => (
            <Text key={p.ref} size="sm" className="truce-break">
              <Text span c="red.8" fw={700} aria-hidden="true">
                −{' '}
              </Text>
              <bdi dir="ltr">{p.ref}</bdi> · <NameText name={personName(p)} fallback={noName} />
            </Text>
          ))}
          {shown(changes.removed, changes.samples.removed.length)}
        </Samples>
        <Samples title={t('detainees.upload.count.changed')} count={changes.changed} testId="upload-changed">
          {changes.samples.changed.map((c) => (
            <Card key={c.ref} padding="xs" bg="gray.0" data-testid="upload-changed-person" data-ref={c.ref}>
              <Text size="sm" fw={600} className="truce-break">
                <bdi dir="ltr">{c.ref}</bdi> · <NameText name={personName(c.after)} fallback={noName} />
              </Text>
              {c.fields.map((f) => (
                <Text key={f} size="xs" className="truce-break" data-field={f}>
                  <Text span fw={600} size="xs">
                    {text.field(f)}:
                  </Text>{' '}
                  <Text span c="red.8" size="xs">
                    <bdi dir="auto">{valueText(text, f, c.before[f]) || '—'}</bdi>
                  </Text>{' '}
                  {t('detainees.upload.arrow')}{' '}
                  <Text span c="teal.8" size="xs">
                    <bdi dir="auto">{valueText(text, f, c.after[f]) || '—'}</bdi>
                  </Text>
                </Text>
              ))}
            </Card>
          ))}
          {shown(changes.changed, changes.samples.changed.length)}
        </Samples>
      </Stack>
    </Card>
  );
}
