import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api/client.ts';
import { MIN_PASSWORD_LENGTH, tooShort } from './passwords.ts';
import type { Session, SetupStatus } from './api.ts';
import { MinimalLayout } from '../app/MinimalLayout.tsx';
import { useSetSession } from '../app/session.ts';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';

interface Fields {
  mechanismName: string;
  organisationName: string;
  name: string;
  email: string;
  password: string;
  confirm: string;
}

const EMPTY: Fields = { mechanismName: '', organisationName: '', name: '', email: '', password: '', confirm: '' };

/**
 * The one-time set-up, opened from the link the server prints on its first start: names
 * the mechanism and its secretariat, and creates the first administrator, who is then signed in.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const status = useQuery({ queryKey: ['setup-status'], queryFn: () => get<SetupStatus>('/api/setup/status') });
  const [values, setValues] = useState<Fields>(EMPTY);
  const form = useFormProblem();

  const set = (field: keyof Fields) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const setup = useMutation({
    mutationFn: () =>
      post<Session>('/api/setup', {
        token,
        mechanismName: values.mechanismName.trim(),
        organisationName: values.organisationName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
      }),
    onSuccess: async (session) => {
      setSession(session);
      await navigate('/', { replace: true });
    },
    onError: form.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const bad = form.invalid({
      mechanismName: !values.mechanismName.trim() && required,
      organisationName: !values.organisationName.trim() && required,
      name: !values.name.trim() && required,
      email: (!values.email.trim() && required) || (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim()) && t('validation.email')),
      password: tooShort(values.password) && t('validation.passwordLength', { n: MIN_PASSWORD_LENGTH }),
      confirm: values.password !== values.confirm && t('validation.passwordMismatch'),
    });
    if (!bad) setup.mutate();
  };

  return (
    <MinimalLayout width={560}>
      <Stack gap="md">
        <Title order={2}>{t('setup.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('setup.intro')}
        </Text>
        {status.isPending ? (
          <Loading />
        ) : status.data && !status.data.needed ? (
          <Alert color="blue" title={t('setup.doneTitle')} data-testid="setup-done">
            <Text size="sm">{t('setup.done')}</Text>
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('signIn.title')}
            </Anchor>
          </Alert>
        ) : (
          <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} noValidate>
            <Stack gap="sm">
              <ProblemAlert error={form.problem} testId="setup-error" />
              <TextInput
                label={t('setup.mechanismName')}
                description={t('setup.mechanismNameHelp')}
                required
                value={values.mechanismName}
                onChange={set('mechanismName')}
                error={form.error('mechanismName')}
                data-testid="setup-mechanism-name"
              />
              <TextInput
                label={t('setup.organisationName')}
                description={t('setup.organisationNameHelp')}
                required
                value={values.organisationName}
                onChange={set('organisationName')}
                error={form.error('organisationName')}
                data-testid="setup-organisation-name"
              />
              <TextInput
                label={t('fields.yourName')}
                required
                autoComplete="name"
                value={values.name}
                onChange={set('name')}
                error={form.error('name')}
                data-testid="setup-name"
              />
              <TextInput
                label={t('fields.email')}
                type="email"
                dir="ltr"
                required
                autoComplete="username"
                value={values.email}
                onChange={set('email')}
                error={form.error('email')}
                data-testid="setup-email"
              />
              <PasswordInput
                label={t('fields.password')}
                description={t('password.rule', { n: MIN_PASSWORD_LENGTH })}
                required
                autoComplete="new-password"
                value={values.password}
                onChange={set('password')}
                error={form.error('password')}
                data-testid="setup-password"
              />
              <PasswordInput
                label={t('password.confirm')}
                required
                autoComplete="new-password"
                value={values.confirm}
                onChange={set('confirm')}
                error={form.error('confirm')}
                data-testid="setup-confirm"
              />
              <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
                {t('setup.submit')}
              </Button>
            </Stack>
          </Paper>
        )}
      </Stack>
    </MinimalLayout>
  );
}
