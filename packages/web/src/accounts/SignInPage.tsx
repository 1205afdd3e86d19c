import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, isProblem, post } from '../api/client.ts';
import type { Session, SetupStatus } from './api.ts';
import { MinimalLayout } from '../app/MinimalLayout.tsx';
import { useSessionQuery, useSetSession } from '../app/session.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { safeNext } from './next.ts';

/**
 * Signing in: e-mail and password, then — when the account has a second factor — the
 * 6-digit code from the authenticator app, sent again with the same e-mail and password.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const status = useQuery({ queryKey: ['setup-status'], queryFn: () => get<SetupStatus>('/api/setup/status'), staleTime: 60_000 });

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState({ email: false, password: false, totp: false });
  const totpRef = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string; totp?: string }) => post<Session>('/api/session', body),
    onSuccess: async (data) => {
      setSession(data);
      await navigate(next, { replace: true });
    },
    onError: (err) => {
      if (isProblem(err) && err.code === 'totp_required') {
        setAskTotp(true);
        setError(null);
        setTimeout(() => totpRef.current?.focus(), 0);
        return;
      }
      if (isProblem(err) && err.code === 'invalid_credentials') {
        setAskTotp(false);
        setTotp('');
      }
      setError(err);
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const code = totp.replace(/\s/g, '');
    setMissing({ email: !email.trim(), password: !password, totp: askTotp && code.length !== 6 });
    if (!email.trim() || !password || (askTotp && code.length !== 6)) return;
    signIn.mutate({ email: email.trim(), password, ...(askTotp ? { totp: code } : {}) });
  };

  const totpError = isProblem(error) && error.code === 'totp_invalid';
  const rateLimited = isProblem(error) && error.status === 429;
  const mechanism = status.data?.mechanism;

  return (
    <MinimalLayout mechanism={mechanism?.name} demo={mechanism?.demo}>
      <Stack gap="md">
        <Title order={2}>{t('signIn.title')}</Title>
        {status.data?.needed && (
          <Alert color="blue" title={t('signIn.setupNeededTitle')} data-testid="setup-needed">
            {t('signIn.setupNeeded')}
          </Alert>
        )}
        <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} noValidate aria-label={t('signIn.title')}>
          <Stack gap="sm">
            {!!error &&
              !totpError &&
              (rateLimited ? (
                <Alert color="orange" title={t('errors.rateLimitedTitle')} data-testid="sign-in-error" role="alert">
                  {t('signIn.tooMany', { seconds: error.retryAfter ?? 60 })}
                </Alert>
              ) : (
                <ProblemAlert error={error} testId="sign-in-error" />
              ))}
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              dir="ltr"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              readOnly={askTotp}
              error={missing.email ? t('validation.required') : undefined}
              data-testid="sign-in-email"
            />
            <PasswordInput
              label={t('fields.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              readOnly={askTotp}
              error={missing.password ? t('validation.required') : undefined}
              data-testid="sign-in-password"
            />
            {askTotp && (
              <TextInput
                ref={totpRef}
                label={t('signIn.totpLabel')}
                description={t('signIn.totpHelp')}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={7}
                dir="ltr"
                required
                value={totp}
                onChange={(e) => setTotp(e.currentTarget.value.replace(/[^0-9 ]/g, ''))}
                error={totpError ? t('signIn.totpInvalid') : missing.totp ? t('validation.sixDigits') : undefined}
                data-testid="sign-in-totp"
              />
            )}
            <Button type="submit" loading={signIn.isPending} data-testid="sign-in-submit">
              {askTotp ? t('signIn.verify') : t('signIn.submit')}
            </Button>
            {askTotp && (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  setAskTotp(false);
                  setTotp('');
                  setError(null);
                }}
              >
                {t('signIn.otherAccount')}
              </Button>
            )}
          </Stack>
        </Paper>
        <Text size="xs" c="dimmed">
          {t('signIn.help')}
        </Text>
      </Stack>
    </MinimalLayout>
  );
}
