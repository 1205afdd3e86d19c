import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Group, NativeSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@truce/core/model/accounts';
import { patch, post } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import type { CreatedUser, Organisation, TemporaryPassword, User } from './api.ts';
import { usePermissions } from '../app/permissions.ts';
import { useSession } from '../app/session.ts';
import { CopyValue } from '../components/CopyValue.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';

/**
 * Adding a user (the server answers with a one-time password, shown here once) or
 * changing a user's name, role and whether the account is active.
 */
export function UserForm({ user, organisations, onDone }: { user: User | null; organisations: Organisation[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { user: me } = useSession();
  const permissions = usePermissions();
  const allowed = organisations.filter((o) => permissions.can('user.create', o.id));
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [organisationId, setOrganisationId] = useState(user?.organisationId ?? (allowed.find((o) => o.id === me.organisationId) ?? allowed[0])?.id ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'officer');
  const [active, setActive] = useState(user?.active ?? true);
  const [created, setCreated] = useState<(CreatedUser & { reset?: boolean }) | null>(null);
  const form = useFormProblem({ duplicate_email: { field: 'email', message: t('users.duplicateEmail') } });
  const self = user?.id === me.id;

  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });

  const save = useMutation({
    mutationFn: async () => {
      if (user) {
        await patch<User>(`/api/users/${user.id}`, { name: name.trim(), ...(self ? {} : { role, active }), version: user.version });
        return null;
      }
      return post<CreatedUser>('/api/users', { name: name.trim(), email: email.trim(), organisationId, role });
    },
    onSuccess: async (result) => {
      await refresh();
      if (result) setCreated(result);
      else onDone();
    },
    onError: form.fail,
  });

  // A lost password: a new one-time password, shown once like a new user's.
  const reset = useMutation({
    mutationFn: () => post<TemporaryPassword>(`/api/users/${user!.id}/password-reset`),
    onSuccess: async (result) => {
      await refresh();
      setCreated({ user: user!, temporaryPassword: result.temporaryPassword, reset: true });
    },
    onError: form.fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const bad = form.invalid({
      name: !name.trim() && required,
      email: !user && ((!email.trim() && required) || (!/^[^\s@]+@[^\s@]+$/.test(email.trim()) && t('validation.email'))),
      organisationId: !user && !organisationId && required,
    });
    if (!bad) save.mutate();
  };

  if (created) {
    return (
      <Stack gap="sm" data-testid="user-created">
        <Alert color="teal" title={t(created.reset ? 'users.resetTitle' : 'users.createdTitle', { name: created.user.name })}>
          <Text size="sm">{t('users.temporaryPasswordBody')}</Text>
        </Alert>
        <Text size="sm" fw={600}>
          {t('users.temporaryPassword')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="lg" data-testid="user-temp-password">
            <Ltr>{created.temporaryPassword}</Ltr>
          </Code>
          <CopyValue value={created.temporaryPassword} testId="user-temp-password-copy" />
        </Group>
        <Text size="xs" c="dimmed">
          {t('users.temporaryPasswordOnce')}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onDone} data-testid="user-created-close">
            {t('actions.done')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void refresh();
            onDone();
          }}
        />
        <TextInput
          label={t('fields.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={form.error('name')}
          data-testid="user-name"
        />
        {user ? (
          <Text size="sm">
            {t('fields.email')}: <Ltr>{user.email}</Ltr>
          </Text>
        ) : (
          <TextInput
            label={t('fields.email')}
            type="email"
            dir="ltr"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={form.error('email')}
            data-testid="user-email"
          />
        )}
        {!user && (
          <NativeSelect
            label={t('fields.organisation')}
            required
            value={organisationId}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
            data={allowed.map((o) => ({ value: o.id, label: o.name }))}
            error={form.error('organisationId')}
            data-testid="user-organisation"
          />
        )}
        <NativeSelect
          label={t('fields.role')}
          description={t('users.roleHelp')}
          value={role}
          disabled={self}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={form.error('role')}
          data-testid="user-role"
        />
        {user && (
          <Switch
            label={t('users.activeLabel')}
            description={self ? t('users.notYourself') : t('users.activeHelp')}
            checked={active}
            disabled={self}
            onChange={(e) => setActive(e.currentTarget.checked)}
            data-testid="user-active"
          />
        )}
        {user && !self && (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="xs" c="dimmed">
              {t('users.resetHelp')}
            </Text>
            <Button variant="light" color="orange" size="xs" loading={reset.isPending} onClick={() => reset.mutate()} data-testid="user-reset-password">
              {t('users.resetPassword')}
            </Button>
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="user-submit">
            {user ? t('actions.save') : t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
