import { useState, type FormEvent, type ReactNode } from 'react';
import { Badge, Button, Checkbox, Group, NumberInput, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch } from '../api/client.ts';
import type { DecisionRule, Mechanism } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { SESSION_KEY } from '../app/session.ts';
import { Loading } from '../components/Loading.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { MECHANISM, useMechanism } from './api.ts';
import { DisclosureSettings } from './DisclosureSettings.tsx';
import { MFA_KINDS, MFA_ROLES, mfaValue, parseMfa, toggleMfa } from './mfaRoles.ts';

/** The mechanism and its settings (C1). Everyone reads them; the secretariat's admins change them. */
export function OverviewPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const mechanism = useMechanism();
  const [editing, setEditing] = useState(false);

  return (
    <Stack gap="md" maw={900}>
      <PageHeader
        title={t('mechanism.title')}
        description={t('mechanism.description')}
        actions={
          permissions.editSetup &&
          mechanism.data &&
          !editing && (
            <Button onClick={() => setEditing(true)} data-testid="mechanism-edit">
              {t('actions.edit')}
            </Button>
          )
        }
      />
      <ProblemAlert error={mechanism.error} />
      {mechanism.isPending ? (
        <Loading />
      ) : mechanism.data && editing ? (
        <MechanismForm mechanism={mechanism.data} onDone={() => setEditing(false)} />
      ) : mechanism.data ? (
        <>
          <MechanismView mechanism={mechanism.data} />
          <DisclosureSettings mechanism={mechanism.data} editable={permissions.editSetup} />
        </>
      ) : null}
    </Stack>
  );
}

function mfaLabel(t: (k: string) => string, value: string): string {
  const { kind, role } = parseMfa(value);
  const k = kind === '*' ? t('mechanism.anyKind') : t(`kinds.${kind}`);
  const r = role === '*' ? t('mechanism.anyRole') : t(`roles.${role}`);
  return `${k} · ${r}`;
}

function MechanismView({ mechanism }: { mechanism: Mechanism }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows: [string, ReactNode][] = [
    [t('mechanism.name'), mechanism.name],
    [
      t('mechanism.slug'),
      <Ltr key="slug" mono>
        {mechanism.slug}
      </Ltr>,
    ],
    [
      t('mechanism.logOrigin'),
      <Ltr key="origin" mono>
        {mechanism.logOrigin}
      </Ltr>,
    ],
    [t('mechanism.decisionRule'), t(`mechanism.rule.${mechanism.decisionRule}`)],
    [t('mechanism.replyDeadline'), t('mechanism.hours', { count: mechanism.replyDeadlineHours, n: fmt.number(mechanism.replyDeadlineHours) })],
    [t('mechanism.supportGroup'), mechanism.supportGroupName || '—'],
    [
      t('mechanism.mfaRequired'),
      mechanism.mfaRequiredRoles.length === 0 ? (
        t('mechanism.mfaNobody')
      ) : (
        <Group key="mfa" gap={4}>
          {mechanism.mfaRequiredRoles.map((v) => (
            <Badge key={v} variant="light" size="sm">
              {mfaLabel(t, v)}
            </Badge>
          ))}
        </Group>
      ),
    ],
    [t('mechanism.demo'), mechanism.demo ? t('common.yes') : t('common.no')],
  ];
  return (
    <Paper withBorder radius="md">
      <Table variant="vertical" layout="fixed" data-testid="mechanism-settings">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={{ base: 130, sm: 240 }}>{label}</Table.Th>
              <Table.Td className="truce-break">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" p="sm">
        {t('mechanism.versionNote', { version: fmt.number(mechanism.version) })}
      </Text>
    </Paper>
  );
}

function MechanismForm({ mechanism, onDone }: { mechanism: Mechanism; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(mechanism.name);
  const [decisionRule, setDecisionRule] = useState<DecisionRule>(mechanism.decisionRule);
  const [supportGroupName, setSupportGroupName] = useState(mechanism.supportGroupName);
  const [replyDeadlineHours, setReplyDeadlineHours] = useState<number | string>(mechanism.replyDeadlineHours);
  const [mfa, setMfa] = useState<string[]>(mechanism.mfaRequiredRoles);
  const form = useFormProblem();

  const save = useMutation({
    mutationFn: () =>
      patch<Mechanism>('/api/mechanism', {
        name: name.trim(),
        decisionRule,
        supportGroupName: supportGroupName.trim(),
        replyDeadlineHours: Number(replyDeadlineHours),
        mfaRequiredRoles: mfa,
        version: mechanism.version,
      }),
    onSuccess: async (data) => {
      client.setQueryData(MECHANISM, data);
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      onDone();
    },
    onError: form.fail,
  });

  const reload = async () => {
    await client.invalidateQueries({ queryKey: MECHANISM });
    onDone();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const hours = Number(replyDeadlineHours);
    const bad = form.invalid({
      name: !name.trim() && t('validation.required'),
      replyDeadlineHours: (!Number.isInteger(hours) || hours < 1 || hours > 1440) && t('validation.range', { min: 1, max: 1440 }),
    });
    if (!bad) save.mutate();
  };

  return (
    <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        <ProblemAlert error={form.problem} onReload={() => void reload()} />
        <TextInput
          label={t('mechanism.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={form.error('name')}
          data-testid="mechanism-name-input"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('mechanism.decisionRule')}
          </Text>
          <SegmentedControl
            value={decisionRule}
            onChange={(v) => setDecisionRule(v as DecisionRule)}
            data={[
              { value: 'consensus', label: t('mechanism.rule.consensus') },
              { value: 'majority', label: t('mechanism.rule.majority') },
            ]}
            data-testid="mechanism-decision-rule"
          />
          <Text size="xs" c="dimmed">
            {t('mechanism.decisionRuleHelp')}
          </Text>
        </Stack>
        <NumberInput
          label={t('mechanism.replyDeadline')}
          description={t('mechanism.replyDeadlineHelp')}
          min={1}
          max={1440}
          allowDecimal={false}
          value={replyDeadlineHours}
          onChange={setReplyDeadlineHours}
          error={form.error('replyDeadlineHours')}
          data-testid="mechanism-reply-deadline"
        />
        <TextInput
          label={t('mechanism.supportGroup')}
          value={supportGroupName}
          onChange={(e) => setSupportGroupName(e.currentTarget.value)}
          error={form.error('supportGroupName')}
          data-testid="mechanism-support-group"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('mechanism.mfaRequired')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('mechanism.mfaHelp')}
          </Text>
          {form.error('mfaRequiredRoles') && (
            <Text size="xs" c="red">
              {form.error('mfaRequiredRoles')}
            </Text>
          )}
          <div style={{ overflowX: 'auto' }}>
            <Table withTableBorder data-testid="mechanism-mfa" horizontalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {MFA_ROLES.map((r) => (
                    <Table.Th key={r} ta="center">
                      {r === '*' ? t('mechanism.anyRole') : t(`roles.${r}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {MFA_KINDS.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Th>{k === '*' ? t('mechanism.anyKind') : t(`kinds.${k}`)}</Table.Th>
                    {MFA_ROLES.map((r) => {
                      const value = mfaValue(k, r);
                      return (
                        <Table.Td key={r} ta="center">
                          <Checkbox
                            aria-label={mfaLabel(t, value)}
                            checked={mfa.includes(value)}
                            onChange={(e) => setMfa((list) => toggleMfa(list, value, e.currentTarget.checked))}
                            style={{ display: 'inline-block' }}
                            data-testid={`mfa-${k === '*' ? 'any' : k}-${r === '*' ? 'any' : r}`}
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Stack>
        <Text size="xs" c="dimmed">
          {t('mechanism.originFixed')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="mechanism-save">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
