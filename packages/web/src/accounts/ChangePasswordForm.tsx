import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { SESSION_KEY } from '../app/session.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { MIN_PASSWORD_LENGTH, tooShort } from './passwords.ts';

/**
 * Changing one's password. `forced`: the one-time password from an administrator must be
 * replaced before anything else (the gate shows only this form until it is).
 */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const form = useFormProblem({ wrong_password: { field: 'currentPassword', message: t('errors.wrongPassword') } });

  const change = useMutation({
    mutationFn: () => post<void>('/api/account/password', { currentPassword: current, newPassword: next }),
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: form.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const bad = form.invalid({
      currentPassword: !current && t('validation.required'),
      newPassword: tooShort(next) && t('validation.passwordLength', { n: MIN_PASSWORD_LENGTH }),
      confirm: next !== confirm && t('validation.passwordMismatch'),
    });
    if (!bad) change.mutate();
  };

  return (
    <Stack gap="md">
      <Title order={2}>{forced ? t('password.forcedTitle') : t('password.title')}</Title>
      {forced && (
        <Alert color="blue" data-testid="password-forced">
          {t('password.forcedBody')}
        </Alert>
      )}
      {done && (
        <Alert color="teal" data-testid="password-changed">
          {t('password.changed')}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={form.problem} />
          <PasswordInput
            label={forced ? t('password.oneTime') : t('password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={form.error('currentPassword')}
            data-testid="password-current"
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.rule', { n: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={form.error('newPassword')}
            data-testid="password-new"
          />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={form.error('confirm')}
            data-testid="password-confirm"
          />
          <Button type="submit" loading={change.isPending} data-testid="password-submit">
            {t('password.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('password.otherSessions')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
