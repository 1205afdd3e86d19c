import { useState, type FormEvent } from 'react';
import { Alert, Badge, Box, Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del } from '../api/client.ts';
import { SESSION_KEY, useSession } from '../app/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { SecondFactorEnrolment } from './SecondFactorEnrolment.tsx';

/** One's second factor: enrol one, or remove it with one's password. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const form = useFormProblem({ wrong_password: { field: 'password', message: t('errors.wrongPassword') } });

  const disable = useMutation({
    mutationFn: () => del('/api/account/totp', { password }),
    onSuccess: async () => {
      setPassword('');
      setMessage(t('secondFactor.removed'));
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: form.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!form.invalid({ password: !password && t('validation.required') })) disable.mutate();
  };

  return (
    <Box maw={620}>
      <PageHeader
        title={t('secondFactor.title')}
        description={t('secondFactor.description')}
        actions={
          <Badge color={user.totpEnabled ? 'teal' : 'gray'} variant="light" data-testid="totp-status" data-state={user.totpEnabled ? 'enabled' : 'disabled'}>
            {user.totpEnabled ? t('secondFactor.on') : t('secondFactor.off')}
          </Badge>
        }
      />
      {message && (
        <Alert color="teal" mb="md">
          {message}
        </Alert>
      )}
      {user.totpEnabled ? (
        <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('secondFactor.enabledBody')}</Text>
            <ProblemAlert error={form.problem} />
            <PasswordInput
              label={t('secondFactor.passwordToRemove')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={form.error('password')}
              data-testid="totp-disable-password"
            />
            <Group>
              <Button type="submit" color="red" variant="light" loading={disable.isPending} data-testid="totp-disable">
                {t('secondFactor.remove')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <SecondFactorEnrolment onDone={() => setMessage(t('secondFactor.enabled'))} />
      )}
    </Box>
  );
}
