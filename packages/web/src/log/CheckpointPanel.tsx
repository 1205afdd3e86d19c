import type { ReactNode } from 'react';
import { Alert, Button, Code, Collapse, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../components/CopyValue.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { useFormat } from '../i18n/format.ts';
import type { CheckpointCheck, Consistency } from './verify.ts';

/** The verdict on the checkpoint, in plain words, then what was checked. */
export function CheckpointPanel({ check, onAcceptKey }: { check: CheckpointCheck; onAcceptKey: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [details, { toggle }] = useDisclosure(false);
  const verified = check.state === 'verified';

  return (
    <Stack gap="sm">
      <Paper
        withBorder
        p="md"
        radius="md"
        data-testid="checkpoint-status"
        data-state={check.state}
        role="status"
        style={{
          borderColor: verified ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-red-7)',
          borderWidth: 2,
          background: verified ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-red-0)',
        }}
      >
        <Title order={3} size="h4" c={verified ? 'teal.9' : 'red.9'}>
          {verified ? t('record.verified') : t('record.failed')}
        </Title>
        <Stack gap={4} mt="xs">
          <Line ok={check.signature === 'valid'} testId="checkpoint-signature">
            {check.signature === 'valid' ? t('record.signatureValid') : t('record.signatureInvalid')}
          </Line>
          {check.signatureError && (
            <Text size="xs" c="red.9" className="truce-break">
              {check.signatureError}
            </Text>
          )}
          {check.consistency && <ConsistencyLine consistency={check.consistency} />}
          {check.key.state === 'first-use' && verified && (
            <Line ok testId="checkpoint-key">
              {t('record.keyPinned')}
            </Line>
          )}
          {check.key.state === 'pinned' && (
            <Line ok testId="checkpoint-key">
              {t('record.keyMatches')}
            </Line>
          )}
        </Stack>
      </Paper>

      {check.key.state === 'changed' && (
        <Alert color="red" variant="filled" title={t('record.keyChangedTitle')} data-testid="key-changed" role="alert">
          <Stack gap="xs">
            <Text size="sm">{t('record.keyChangedBody')}</Text>
            <Text size="xs">
              {t('record.keyPinnedLabel')} <Ltr mono>{check.key.pinned}</Ltr>
            </Text>
            <Text size="xs">
              {t('record.keyServedLabel')} <Ltr mono>{check.key.served}</Ltr>
            </Text>
            <Group>
              <Button size="xs" color="red" variant="white" onClick={onAcceptKey} data-testid="key-accept">
                {t('record.acceptKey')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      {check.checkpoint && (
        <Paper withBorder radius="md">
          <Table variant="vertical" layout="fixed" data-testid="checkpoint-details">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={{ base: 110, sm: 200 }}>{t('record.size')}</Table.Th>
                <Table.Td data-testid="checkpoint-size" data-size={check.checkpoint.size}>
                  {t('record.entries', { count: check.checkpoint.size, n: fmt.number(check.checkpoint.size) })}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('record.root')}</Table.Th>
                <Table.Td>
                  <Ltr mono testId="checkpoint-root">
                    {check.checkpoint.rootHash}
                  </Ltr>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('record.origin')}</Table.Th>
                <Table.Td>
                  <Ltr mono>{check.checkpoint.origin}</Ltr>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('record.key')}</Table.Th>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" align="flex-start">
                    <Ltr mono>{check.key.pinned}</Ltr>
                    <CopyValue value={check.key.pinned} compact testId="checkpoint-key-copy" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Group>
        <Button variant="subtle" size="xs" onClick={toggle} aria-expanded={details}>
          {details ? t('record.hideNote') : t('record.showNote')}
        </Button>
      </Group>
      <Collapse expanded={details}>
        <Stack gap="xs">
          <Code block data-testid="checkpoint-note">
            <Ltr>{check.note}</Ltr>
          </Code>
          <Text size="xs" c="dimmed">
            {t('record.cliHint')}
          </Text>
          <Code block>
            <Ltr>{`npx truce verify --url ${window.location.origin} --key '${check.key.pinned}' --token <API token>`}</Ltr>
          </Code>
        </Stack>
      </Collapse>
    </Stack>
  );
}

function Line({ ok, children, testId }: { ok: boolean; children: ReactNode; testId?: string }) {
  return (
    <Text size="sm" c={ok ? 'teal.9' : 'red.9'} fw={ok ? 500 : 700} data-testid={testId} data-ok={ok}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {children}
    </Text>
  );
}

function ConsistencyLine({ consistency }: { consistency: Consistency }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const testId = 'checkpoint-consistency';
  switch (consistency.kind) {
    case 'first':
      return (
        <Line ok testId={testId}>
          {t('record.firstCheckpoint')}
        </Line>
      );
    case 'same':
      return (
        <Line ok testId={testId}>
          {t('record.same', { date: fmt.dateTime(consistency.previous.seenAt), size: fmt.number(consistency.previous.size) })}
        </Line>
      );
    case 'consistent':
      return (
        <Line ok testId={testId}>
          {t('record.consistent', { date: fmt.dateTime(consistency.previous.seenAt), size: fmt.number(consistency.previous.size) })}
        </Line>
      );
    case 'inconsistent':
      return (
        <Stack gap={2}>
          <Line ok={false} testId={testId}>
            {t('record.inconsistent')}
          </Line>
          <Text size="xs" c="red.9">
            {t(`record.inconsistentReason.${consistency.reason}`, {
              date: fmt.dateTime(consistency.previous.seenAt),
              size: fmt.number(consistency.previous.size),
            })}
            {consistency.message ? ` (${consistency.message})` : ''}
          </Text>
        </Stack>
      );
  }
}
