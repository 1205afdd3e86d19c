import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { SESSION_KEY } from '../app/session.ts';
import { CopyValue } from '../components/CopyValue.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import type { TotpEnabled, TotpEnrolment } from './api.ts';
import { QrCode } from './QrCode.tsx';
import { groupSecret, normaliseCode } from './totp.ts';

/**
 * Enrolling a second factor (TOTP): the server makes a secret, the user puts it in an
 * authenticator app (by the otpauth link or typing the secret), then proves it with a code.
 */
export function SecondFactorEnrolment({ forced = false, onDone }: { forced?: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const form = useFormProblem({ totp_invalid: { field: 'code', message: t('signIn.totpInvalid') } });

  const start = useMutation({
    mutationFn: () => post<TotpEnrolment>('/api/account/totp'),
    onSuccess: (data) => {
      form.clear();
      setSecret(data);
    },
    onError: form.fail,
  });

  const confirm = useMutation({
    mutationFn: () => post<TotpEnabled>('/api/account/totp/confirm', { code }),
    onSuccess: async () => {
      setSecret(null);
      setCode('');
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      onDone?.();
    },
    onError: form.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.invalid({ code: code.length !== 6 && t('validation.sixDigits') })) confirm.mutate();
  };

  return (
    <Stack gap="md">
      {forced && <Title order={2}>{t('secondFactor.forcedTitle')}</Title>}
      {forced && (
        <Alert color="blue" data-testid="mfa-forced">
          {t('secondFactor.forcedBody')}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <ProblemAlert error={form.problem} />
          {!secret ? (
            <>
              <Text size="sm">{t('secondFactor.intro')}</Text>
              <Group>
                <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="totp-start">
                  {t('secondFactor.start')}
                </Button>
              </Group>
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <List type="ordered" size="sm" spacing={4}>
                  <List.Item>{t('secondFactor.step1')}</List.Item>
                  <List.Item>{t('secondFactor.step2')}</List.Item>
                  <List.Item>{t('secondFactor.step3')}</List.Item>
                </List>
                <QrCode value={secret.uri} label={t('secondFactor.qr')} />
                <Text size="sm" fw={600}>
                  {t('secondFactor.secret')}
                </Text>
                <Group gap="xs" wrap="nowrap" align="center">
                  <Code fz="lg" data-testid="totp-secret" style={{ letterSpacing: '0.08em' }}>
                    <Ltr>{groupSecret(secret.secret)}</Ltr>
                  </Code>
                  <CopyValue value={secret.secret} compact testId="totp-secret-copy" />
                </Group>
                <Text size="sm" fw={600}>
                  {t('secondFactor.uri')}
                </Text>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Code block style={{ flex: 1, whiteSpace: 'pre-wrap' }} data-testid="totp-uri">
                    <Ltr>{secret.uri}</Ltr>
                  </Code>
                  <CopyValue value={secret.uri} compact testId="totp-uri-copy" />
                </Group>
                <TextInput
                  label={t('secondFactor.code')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  dir="ltr"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(normaliseCode(e.currentTarget.value))}
                  error={form.error('code')}
                  data-testid="totp-code"
                />
                <Group>
                  <Button type="submit" loading={confirm.isPending} data-testid="totp-confirm">
                    {t('secondFactor.confirm')}
                  </Button>
                  <Button variant="subtle" onClick={() => setSecret(null)}>
                    {t('actions.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
