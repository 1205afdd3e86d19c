import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../components/Ltr.tsx';
import { useFormat } from '../i18n/format.ts';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';
import type { ListVersion } from './api.ts';
import { TableScroll } from '../components/TableScroll.tsx';

/**
 * Every version of a list, newest first: where it came from, what it changed, who saved it
 * and when, and its receipt (version v is the list's v-th `detainees.list.version` entry).
 */
export function VersionsTable({ listId, versions }: { listId: string; versions: ListVersion[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (versions.length === 0) return <Text c="dimmed">{t('detainees.versions.none')}</Text>;
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return (
    <TableScroll>
      <Table striped data-testid="detainee-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('detainees.versions.version')}</Table.Th>
            <Table.Th>{t('detainees.versions.source')}</Table.Th>
            <Table.Th>{t('detainees.versions.added')}</Table.Th>
            <Table.Th>{t('detainees.versions.removed')}</Table.Th>
            <Table.Th>{t('detainees.versions.changed')}</Table.Th>
            <Table.Th>{t('detainees.versions.persons')}</Table.Th>
            <Table.Th>{t('detainees.versions.by')}</Table.Th>
            <Table.Th>{t('detainees.versions.when')}</Table.Th>
            <Table.Th>{t('record.receipt.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((v) => (
            <Table.Tr key={v.version} data-testid="detainee-version" data-version={v.version}>
              <Table.Td>{fmt.number(v.version)}</Table.Td>
              <Table.Td>
                <Text size="sm">{v.source === 'upload' ? t('detainees.versions.upload') : t('detainees.versions.form')}</Text>
                {v.fileName && (
                  <Text size="xs" c="dimmed" className="truce-break">
                    <bdi dir="auto">{v.fileName}</bdi>
                  </Text>
                )}
                {v.fileSha256 && (
                  <Text size="xs" c="dimmed" title={v.fileSha256}>
                    <Ltr mono>{v.fileSha256.slice(0, 12)}…</Ltr>
                  </Text>
                )}
              </Table.Td>
              <Table.Td c={v.added ? 'teal.8' : undefined}>{v.added ? `+${fmt.number(v.added)}` : fmt.number(0)}</Table.Td>
              <Table.Td c={v.removed ? 'red.8' : undefined}>{v.removed ? `−${fmt.number(v.removed)}` : fmt.number(0)}</Table.Td>
              <Table.Td>{fmt.number(v.changed)}</Table.Td>
              <Table.Td>{fmt.number(v.personCount)}</Table.Td>
              <Table.Td>
                <bdi>{v.createdBy ?? '—'}</bdi>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v.createdAt)}</Table.Td>
              <Table.Td>
                <ReceiptButton
                  entry={receiptEntry('list', listId, { types: ['detainees.list.version'], which: { nth: v.version - 1 } })}
                  testId="version-receipt"
                  size="compact-xs"
                  short
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
