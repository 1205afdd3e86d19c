import { Button, Center, Stack } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../accounts/ChangePasswordForm.tsx';
import { SecondFactorEnrolment } from '../accounts/SecondFactorEnrolment.tsx';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { MinimalLayout } from './MinimalLayout.tsx';
import { SessionContext, useSessionQuery } from './session.ts';
import { useSignOut } from './useSignOut.ts';

/**
 * Every page behind it needs a session. Without one (401) the user goes to the sign-in
 * page, which brings them back here afterwards. A user who must change a one-time
 * password, or enrol a second factor the mechanism requires, does that first, whatever
 * page they asked for: the server refuses everything else until then.
 */
export function SessionGate() {
  const { t } = useTranslation();
  const query = useSessionQuery();
  const location = useLocation();
  const signOut = useSignOut();

  if (query.isPending) {
    return (
      <Center mih="100dvh">
        <Loading />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <MinimalLayout>
        <Stack>
          <ProblemAlert error={query.error} />
          <Button onClick={() => void query.refetch()}>{t('actions.retry')}</Button>
        </Stack>
      </MinimalLayout>
    );
  }
  const session = query.data;
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }

  const forced = session.user.mustChangePassword ? <ChangePasswordForm forced /> : session.mfaEnrolmentRequired ? <SecondFactorEnrolment forced /> : null;

  return (
    <SessionContext value={session}>
      {forced ? (
        <MinimalLayout mechanism={session.mechanism?.name} demo={session.mechanism?.demo} onSignOut={() => void signOut()} width={560}>
          {forced}
        </MinimalLayout>
      ) : (
        <Outlet />
      )}
    </SessionContext>
  );
}
