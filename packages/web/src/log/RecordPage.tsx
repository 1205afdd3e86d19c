import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Proof } from '@truce/server/schemas/log';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiText, get } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { CheckpointPanel } from './CheckpointPanel.tsx';
import { EntryList } from './EntryList.tsx';
import { WitnessesPanel } from './WitnessesPanel.tsx';
import { HEALTH_QUERY, POLICY_QUERY, useWitnessCheck } from './useWitnessCheck.ts';
import { lastCheckpoint, pinKey, pinnedKey, rememberCheckpoint } from './storage.ts';
import { checkCheckpoint, toSeen, type CheckpointCheck } from './verify.ts';

export const LOG = ['log'] as const;

/**
 * Fetches the checkpoint and the key, checks them here, and remembers what was verified.
 * Runs once per checkpoint text: a re-render does not compare a checkpoint with itself.
 */
async function runCheck(note: string, servedKey: string): Promise<CheckpointCheck> {
  const previous = lastCheckpoint();
  const pinned = pinnedKey();
  const check = await checkCheckpoint({
    note,
    servedKey,
    pinnedKey: pinned,
    previous,
    consistencyProof: async (first, second) => (await get<Proof>(`/api/log/proof/consistency?first=${first}&second=${second}`)).proof,
  });
  if (check.state === 'verified') {
    if (!pinned) pinKey(servedKey);
    const seen = toSeen(check);
    if (seen) rememberCheckpoint(seen);
  }
  return check;
}

/** The verifiable record (C9): the latest checkpoint and its witnesses' cosignatures, checked in this browser, and the entries. */
export function RecordPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = useQuery({ queryKey: [...LOG, 'key'], queryFn: () => apiText('/log/key'), staleTime: 0 });
  const note = useQuery({ queryKey: [...LOG, 'checkpoint'], queryFn: () => apiText('/log/checkpoint'), staleTime: 0 });
  const check = useQuery({
    queryKey: [...LOG, 'check', note.data, key.data],
    queryFn: () => runCheck(note.data!, key.data!),
    enabled: note.data !== undefined && key.data !== undefined,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
  const witnesses = useWitnessCheck(note.data, check.data);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: [...LOG, 'key'] });
    void client.invalidateQueries({ queryKey: [...LOG, 'checkpoint'] });
    void client.invalidateQueries({ queryKey: [...LOG, 'entries'] });
    void client.invalidateQueries({ queryKey: POLICY_QUERY });
    void client.invalidateQueries({ queryKey: HEALTH_QUERY });
  };

  const acceptNewKey = () => {
    if (!key.data) return;
    if (!window.confirm(t('record.acceptKeyConfirm'))) return;
    pinKey(key.data);
    void client.invalidateQueries({ queryKey: [...LOG, 'check'] });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('record.title')}
        description={t('record.description')}
        actions={
          <Group gap="xs">
            <Button variant="light" onClick={refresh} loading={note.isFetching || check.isFetching || witnesses.fetching} data-testid="record-refresh">
              {t('record.checkAgain')}
            </Button>
          </Group>
        }
      />
      <ProblemAlert error={key.error ?? note.error ?? check.error} />
      {check.data ? <CheckpointPanel check={check.data} onAcceptKey={acceptNewKey} /> : !(key.error || note.error || check.error) && <Loading />}
      <ProblemAlert error={witnesses.error} />
      {witnesses.result && <WitnessesPanel check={witnesses.result} onAcceptPolicy={witnesses.acceptPolicy} />}
      <EntryList verified={check.data?.state === 'verified' ? check.data : null} />
    </Stack>
  );
}
