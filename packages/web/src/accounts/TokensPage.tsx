import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../api/client.ts';
import type { ApiToken, CreatedToken, TokenScope } from './api.ts';
import { CopyValue } from '../components/CopyValue.tsx';
import { Loading } from '../components/Loading.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { TableScroll } from '../components/TableScroll.tsx';

const TOKENS = ['account', 'tokens'] as const;

/** How long a new token may live, in days, and the label of each choice; the server allows at most 365. */
const LIFETIMES = [
  { days: 7, label: 'tokens.expiryWeek' },
  { days: 30, label: 'tokens.expiryMonth' },
  { days: 90, label: 'tokens.expiryQuarter' },
  { days: 180, label: 'tokens.expiryHalfYear' },
  { days: 365, label: 'tokens.expiryYear' },
] as const;

/** API tokens for scripts and `truce verify`: made here, shown once, revoked here. */
export function TokensPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS, queryFn: () => get<ApiToken[]>('/api/account/tokens') });
  const [name, setName] = useState('');
  // Least power by default: a token that only reads, for 90 days.
  const [scope, setScope] = useState<TokenScope>('read');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useFormProblem();

  const create = useMutation({
    mutationFn: () =>
      post<CreatedToken>('/api/account/tokens', {
        name: name.trim(),
        scope,
        // Days of 24 hours from now, as the server counts its one-year limit.
        expiresAt: new Date(Date.now() + Number(days) * 86_400_000).toISOString(),
      }),
    onSuccess: async (data) => {
      setCreated({ name: data.name, token: data.token });
      setName('');
      form.clear();
      await client.invalidateQueries({ queryKey: TOKENS });
    },
    onError: form.fail,
  });

  const revoke = useMutation({
    mutationFn: (id: string) => del(`/api/account/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.invalid({ name: !name.trim() && t('validation.required') })) create.mutate();
  };

  return (
    <Stack gap="md" maw={900}>
      <PageHeader title={t('tokens.title')} description={t('tokens.description')} />

      {created && (
        <Alert
          color="teal"
          title={t('tokens.createdTitle', { name: created.name })}
          data-testid="token-created"
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Stack gap="xs">
            <Text size="sm">{t('tokens.createdBody')}</Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Code block style={{ flex: 1, whiteSpace: 'pre-wrap' }} data-testid="token-value">
                <Ltr>{created.token}</Ltr>
              </Code>
              <CopyValue value={created.token} testId="token-copy" />
            </Group>
          </Stack>
        </Alert>
      )}

      <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={form.problem} />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('tokens.name')}
              description={t('tokens.nameHelp')}
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.currentTarget.value)}
              error={form.error('name')}
              style={{ flex: '1 1 14rem' }}
              data-testid="token-name"
            />
            <NativeSelect
              label={t('tokens.expiry')}
              description={t('tokens.expiryHelp')}
              value={days}
              onChange={(e) => setDays(e.currentTarget.value)}
              data={LIFETIMES.map((l) => ({ value: String(l.days), label: t(l.label) }))}
              error={form.error('expiresAt')}
              style={{ flex: '0 1 12rem' }}
              data-testid="token-expiry"
            />
          </Group>
          <Radio.Group
            label={t('tokens.scope')}
            value={scope}
            onChange={(v) => setScope(v as TokenScope)}
            error={form.error('scope')}
            data-testid="token-scope"
          >
            <Stack gap="xs" mt="xs">
              <Radio value="read" label={t('tokens.scopeRead')} description={t('tokens.scopeReadHelp')} data-testid="token-scope-read" />
              <Radio value="file" label={t('tokens.scopeFile')} description={t('tokens.scopeFileHelp')} data-testid="token-scope-file" />
            </Stack>
          </Radio.Group>
          <Text size="xs" c="dimmed">
            {t('tokens.sessionOnly')}
          </Text>
          <Group>
            <Button type="submit" loading={create.isPending} data-testid="token-create">
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <ProblemAlert error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <Loading />
      ) : tokens.data && tokens.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('tokens.none')}
        </Text>
      ) : (
        <TableScroll>
          <Table striped data-testid="token-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.scope')}</Table.Th>
                <Table.Th>{t('common.created')}</Table.Th>
                <Table.Th>{t('tokens.expires')}</Table.Th>
                <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data?.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Td>{tok.name}</Table.Td>
                  <Table.Td>{tok.scope === 'file' ? t('tokens.scopeFile') : t('tokens.scopeRead')}</Table.Td>
                  <Table.Td>{fmt.dateTime(tok.createdAt)}</Table.Td>
                  <Table.Td>
                    {tok.expired ? (
                      <Badge color="gray" variant="light">
                        {t('tokens.expired')}
                      </Badge>
                    ) : (
                      fmt.dateTime(tok.expiresAt)
                    )}
                  </Table.Td>
                  <Table.Td>{tok.lastUsedAt ? fmt.dateTime(tok.lastUsedAt) : t('tokens.never')}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      loading={revoke.isPending && revoke.variables === tok.id}
                      onClick={() => {
                        if (window.confirm(t('tokens.confirmRevoke', { name: tok.name }))) revoke.mutate(tok.id);
                      }}
                      data-testid={`token-revoke-${tok.id}`}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
