import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DISCLOSURE_AUDIENCES, type AdoptedIncidentDisclosure, type DisclosureAudience } from '@truce/core/incidents/disclosure';
import { api } from '../api/client.ts';
import type { Mechanism } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { MECHANISM } from './api.ts';

const PARTS = ['reasoning', 'reply'] as const;

/**
 * What each reader reads of an incident once its finding is adopted (C1): every reader
 * allowed to open it reads the finding, its date and place; who also reads each guarantor's
 * reasoning and the accused party's reply is chosen here by the secretariat's admins
 * (PUT /api/mechanism/disclosure, logged). Everyone else sees the setting read-only.
 */
export function DisclosureSettings({ mechanism, editable }: { mechanism: Mechanism; editable: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState<AdoptedIncidentDisclosure>(mechanism.adoptedIncidentDisclosure);
  const [saved, setSaved] = useState(false);
  const form = useFormProblem();
  const changed = JSON.stringify(value) !== JSON.stringify(mechanism.adoptedIncidentDisclosure);
  const save = useMutation({
    mutationFn: () => api<Mechanism>('PUT', '/api/mechanism/disclosure', { adoptedIncidentDisclosure: value, version: mechanism.version }),
    onSuccess: (data) => {
      client.setQueryData(MECHANISM, data);
      setSaved(true);
    },
    onError: form.fail,
  });
  const toggle = (part: (typeof PARTS)[number], audience: DisclosureAudience, on: boolean) => {
    setSaved(false);
    setValue((v) => ({ ...v, [part]: on ? [...v[part].filter((a) => a !== audience), audience] : v[part].filter((a) => a !== audience) }));
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="mechanism-disclosure">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('mechanism.disclosure.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mechanism.disclosure.help')}
        </Text>
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void client.invalidateQueries({ queryKey: MECHANISM });
          }}
        />
        <div style={{ overflowX: 'auto' }}>
          <Table withTableBorder horizontalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {PARTS.map((p) => (
                  <Table.Th key={p} ta="center">
                    {t(`mechanism.disclosure.part.${p}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('mechanism.disclosure.always')}</Table.Th>
                {PARTS.map((p) => (
                  <Table.Td key={p} ta="center">
                    <Checkbox
                      checked
                      disabled
                      aria-label={`${t('mechanism.disclosure.always')} · ${t(`mechanism.disclosure.part.${p}`)}`}
                      style={{ display: 'inline-block' }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
              {DISCLOSURE_AUDIENCES.map((a) => (
                <Table.Tr key={a}>
                  <Table.Th>{t(`mechanism.disclosure.audience.${a}`)}</Table.Th>
                  {PARTS.map((p) => (
                    <Table.Td key={p} ta="center">
                      <Checkbox
                        checked={value[p].includes(a)}
                        disabled={!editable}
                        onChange={(e) => toggle(p, a, e.currentTarget.checked)}
                        aria-label={`${t(`mechanism.disclosure.audience.${a}`)} · ${t(`mechanism.disclosure.part.${p}`)}`}
                        style={{ display: 'inline-block' }}
                        data-testid={`disclosure-${p}-${a}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        {saved && (
          <Alert color="teal" variant="light" p="xs" data-testid="mechanism-disclosure-saved">
            {t('mechanism.disclosure.saved')}
          </Alert>
        )}
        {editable && (
          <Group justify="flex-end">
            <Button onClick={() => save.mutate()} disabled={!changed} loading={save.isPending} data-testid="mechanism-disclosure-save">
              {t('mechanism.disclosure.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
