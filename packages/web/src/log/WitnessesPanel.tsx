import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../components/Ltr.tsx';
import { useFormat } from '../i18n/format.ts';
import type { Lagging, WitnessCheck, WitnessStatus } from './witnesses.ts';
import { TableScroll } from '../components/TableScroll.tsx';

const STATE_COLOUR: Record<WitnessStatus['state'], string> = { cosigned: 'teal', missing: 'gray', invalid: 'red' };

/**
 * The guarantors' witnesses of the served checkpoint, as this browser checked them: each
 * witness, whether its cosignature verifies and when it was made, the quorum and whether
 * it is met, and which witness has not cosigned since when.
 */
export function WitnessesPanel({ check, onAcceptPolicy }: { check: WitnessCheck; onAcceptPolicy: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();

  if (check.state === 'error') {
    return (
      <Alert color="red" title={t('record.witnesses.policyUnreadable')} data-testid="witnesses-error">
        <Text size="sm" className="truce-break">
          {check.message}
        </Text>
      </Alert>
    );
  }
  if (!check.quorum) {
    return (
      <Text size="sm" c="dimmed" data-testid="witnesses-none">
        {t('record.witnesses.none')}
      </Text>
    );
  }

  const { quorum } = check;
  const cosigned = check.witnesses.filter((w) => w.state === 'cosigned').length;
  const accept = () => {
    if (window.confirm(t('record.witnesses.acceptConfirm'))) onAcceptPolicy();
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="witnesses" data-quorum-met={quorum.met}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('record.witnesses.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('record.witnesses.help')}
        </Text>
        <Text
          size="sm"
          fw={700}
          c={quorum.met ? 'teal.9' : 'red.9'}
          data-testid="witness-quorum"
          data-met={quorum.met}
          data-need={quorum.need}
          data-of={quorum.of}
        >
          <span aria-hidden="true">{quorum.met ? '✓ ' : '✗ '}</span>
          {t(quorum.met ? 'record.witnesses.quorumMet' : 'record.witnesses.quorumNotMet', {
            need: fmt.number(quorum.need),
            of: fmt.number(quorum.of),
            cosigned: fmt.number(cosigned),
          })}
        </Text>

        <TableScroll>
          <Table data-testid="witness-table" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('record.witnesses.witness')}</Table.Th>
                <Table.Th>{t('record.witnesses.thisCheckpoint')}</Table.Th>
                <Table.Th>{t('record.witnesses.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {check.witnesses.map((w) => (
                <Table.Tr key={w.name} data-testid="witness-row" data-name={w.name} data-state={w.state}>
                  <Table.Td>
                    <Ltr mono>{w.name}</Ltr>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLOUR[w.state]} variant={w.state === 'cosigned' ? 'light' : 'outline'} data-testid="witness-state">
                      {t(`record.witnesses.state.${w.state}`)}
                    </Badge>
                    {w.error && (
                      <Text size="xs" c="red.9" className="truce-break">
                        {w.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="witness-time" data-time={w.cosignedAt ?? ''}>
                    {w.cosignedAt ? fmt.dateTime(w.cosignedAt) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>

        {check.lagging.length > 0 && (
          <Alert color="orange" variant="light" p="xs" data-testid="witness-lagging">
            <Stack gap={2}>
              {check.lagging.map((l) => (
                <Text key={l.name} size="sm" data-testid="witness-lagging-line" data-name={l.name} data-source={l.source}>
                  <LaggingText lagging={l} cosignedAt={check.cosignedAt} />
                </Text>
              ))}
            </Stack>
          </Alert>
        )}

        {!check.logKeyListed && (
          <Alert color="red" variant="light" p="xs" data-testid="policy-log-key">
            {t('record.witnesses.logKeyNotListed')}
          </Alert>
        )}

        {check.policy.state === 'changed' ? (
          <Alert color="red" variant="filled" title={t('record.witnesses.changedTitle')} data-testid="policy-changed" role="alert">
            <Stack gap="xs">
              <Text size="sm">{t('record.witnesses.changedBody')}</Text>
              <Text size="xs">{t('record.witnesses.pinnedLabel')}</Text>
              <Code block>
                <Ltr>{check.policy.pinned}</Ltr>
              </Code>
              <Text size="xs">{t('record.witnesses.servedLabel')}</Text>
              <Code block>
                <Ltr>{check.policy.served}</Ltr>
              </Code>
              <Group>
                <Button size="xs" color="red" variant="white" onClick={accept} data-testid="policy-accept">
                  {t('record.witnesses.accept')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Text size="xs" c="dimmed" data-testid="policy-pin" data-state={check.policy.state}>
            {t(check.policy.state === 'first-use' ? 'record.witnesses.pinned' : 'record.witnesses.matches')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** "X has not cosigned since …", from the health when it says, else from this checkpoint. */
function LaggingText({ lagging: l, cosignedAt }: { lagging: Lagging; cosignedAt?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = <Ltr mono>{l.name}</Ltr>;
  let sentence: string;
  if (l.source === 'health' && l.since) sentence = t('record.witnesses.lagSince', { date: fmt.dateTime(l.since), size: fmt.number(l.size ?? 0) });
  else if (l.source === 'health') sentence = t('record.witnesses.lagNever');
  else if (cosignedAt) sentence = t('record.witnesses.lagThis', { date: fmt.dateTime(cosignedAt) });
  else sentence = t('record.witnesses.lagThisAlone');
  return (
    <>
      {name}
      {': '}
      {sentence}
    </>
  );
}
