import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Card, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES, type PersonCategory } from '@truce/core/detainees/person';
import { useOrganisations } from '../accounts/api.ts';
import { usePermissions } from '../app/permissions.ts';
import { useSession } from '../app/session.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { EXCHANGE_MODES, useLists, usePropose, type ExchangeMode, type PersonPick } from './api.ts';
import { useDetaineeText } from './labels.ts';
import { PersonPicker } from './PersonPicker.tsx';

const toggle = (set: Set<string>, ref: string, on: boolean) => {
  const next = new Set(set);
  if (on) next.add(ref);
  else next.delete(ref);
  return next;
};

/**
 * /exchanges/new: a proposal between two parties. A party names the persons it seeks whom
 * the facilitator confirmed as held by the other side, and the persons it offers from its
 * own held list; the facilitator picks from both held lists. By category and all for all
 * take everyone who fits from both held lists.
 */
export function NewExchangePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useDetaineeText();
  const navigate = useNavigate();
  const { user } = useSession();
  const permissions = usePermissions();
  const orgs = useOrganisations();
  const lists = useLists();
  const propose = usePropose();
  const form = useFormProblem();
  const isParty = user.organisationKind === 'party';

  const [title, setTitle] = useState('');
  const [mode, setMode] = useState<ExchangeMode>('one-for-one');
  const [partyA, setPartyA] = useState(isParty ? user.organisationId : '');
  const [partyB, setPartyB] = useState('');
  const [meetingDate, setMeetingDate] = useState('');
  const [note, setNote] = useState('');
  const [categories, setCategories] = useState<PersonCategory[]>([]);
  // A party: refs on its own sought list (released by the other side) and on its own held list (released by itself).
  // The facilitator: refs on the held list of party A and of party B.
  const [pickA, setPickA] = useState<Set<string>>(new Set());
  const [pickB, setPickB] = useState<Set<string>>(new Set());

  if (!permissions.can('exchange.propose')) return <Alert color="gray">{t('detainees.exchange.mayNotPropose')}</Alert>;
  if (orgs.isPending || lists.isPending) return <Loading />;

  const parties = (orgs.data ?? []).filter((o) => o.kind === 'party');
  const name = (id: string) => parties.find((p) => p.id === id)?.name ?? '';
  const short = (id: string) => parties.find((p) => p.id === id)?.shortName || name(id);
  const listOf = (party: string, kind: 'held' | 'sought') => lists.data?.find((l) => l.partyId === party && l.kind === kind);
  const withPersons = mode === 'one-for-one' || mode === 'list';
  const ownSought = isParty ? listOf(user.organisationId, 'sought') : undefined;
  const ownHeld = isParty ? listOf(user.organisationId, 'held') : undefined;
  const heldA = !isParty && partyA ? listOf(partyA, 'held') : undefined;
  const heldB = !isParty && partyB ? listOf(partyB, 'held') : undefined;
  // Who releases how many: for a party, the other side releases the persons it seeks.
  const releasedByA = isParty ? pickB.size : pickA.size;
  const releasedByB = isParty ? pickA.size : pickB.size;

  const picks = (): PersonPick[] => {
    if (!withPersons) return [];
    if (isParty)
      return [...[...pickA].map((ref) => ({ soughtListId: ownSought!.id, soughtRef: ref })), ...[...pickB].map((ref) => ({ listId: ownHeld!.id, ref }))];
    return [...[...pickA].map((ref) => ({ listId: heldA!.id, ref })), ...[...pickB].map((ref) => ({ listId: heldB!.id, ref }))];
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (
      form.invalid({
        title: !title.trim() && t('validation.required'),
        partyA: !partyA && t('validation.required'),
        partyB: (!partyB && t('validation.required')) || (partyA === partyB && t('detainees.exchange.sameParty')),
        persons: withPersons && pickA.size + pickB.size === 0 && t('detainees.exchange.pickSomeone'),
        categories: mode === 'by-category' && categories.length === 0 && t('detainees.exchange.pickCategory'),
      })
    )
      return;
    propose.mutate(
      {
        title: title.trim(),
        mode,
        partyA,
        partyB,
        meetingDate: meetingDate || null,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(withPersons ? { persons: picks() } : {}),
        ...(mode === 'by-category' ? { categories } : {}),
      },
      { onSuccess: (x) => navigate(`/exchanges/${x.id}`), onError: form.fail },
    );
  };

  const partyOptions = (exclude: string) => [
    { value: '', label: t('detainees.exchange.chooseParty') },
    ...parties.filter((p) => p.id !== exclude).map((p) => ({ value: p.id, label: p.name })),
  ];

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/exchanges" size="sm">
        {t('detainees.exchange.back')}
      </Anchor>
      <PageHeader
        title={t('detainees.exchange.new')}
        description={isParty ? t('detainees.exchange.newHelpParty') : t('detainees.exchange.newHelpFacilitator')}
      />
      <form onSubmit={submit} noValidate data-testid="exchange-form">
        <Stack gap="md">
          <ProblemAlert error={form.problem} />
          <Card withBorder padding="md">
            <Stack gap="sm">
              <TextInput
                label={t('detainees.exchange.titleField')}
                required
                dir="auto"
                maxLength={200}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={form.error('title')}
                data-testid="exchange-title"
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {isParty ? (
                  <TextInput label={t('detainees.exchange.partyA')} value={user.organisationName} readOnly disabled />
                ) : (
                  <NativeSelect
                    label={t('detainees.exchange.partyA')}
                    value={partyA}
                    onChange={(e) => {
                      setPartyA(e.currentTarget.value);
                      setPickA(new Set());
                    }}
                    data={partyOptions(partyB)}
                    error={form.error('partyA')}
                    data-testid="exchange-party-a"
                  />
                )}
                <NativeSelect
                  label={isParty ? t('detainees.exchange.otherParty') : t('detainees.exchange.partyB')}
                  value={partyB}
                  onChange={(e) => {
                    setPartyB(e.currentTarget.value);
                    if (!isParty) setPickB(new Set());
                  }}
                  data={partyOptions(partyA)}
                  error={form.error('partyB')}
                  data-testid="exchange-party-b"
                />
                <TextInput
                  type="date"
                  dir="ltr"
                  label={t('detainees.exchange.meetingDate')}
                  value={meetingDate}
                  onChange={(e) => setMeetingDate(e.currentTarget.value)}
                  error={form.error('meetingDate')}
                  data-testid="exchange-meeting-date"
                />
              </SimpleGrid>
              <Radio.Group label={t('detainees.exchange.mode')} value={mode} onChange={(v) => setMode(v as ExchangeMode)} data-testid="exchange-mode">
                <Stack gap={6} mt="xs">
                  {EXCHANGE_MODES.map((m) => (
                    <Radio key={m} value={m} label={text.mode(m)} description={t(`detainees.modeHelp.${m}`)} data-testid={`exchange-mode-${m}`} />
                  ))}
                </Stack>
              </Radio.Group>
              <Textarea
                label={t('detainees.exchange.note')}
                autosize
                minRows={2}
                dir="auto"
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={form.error('note')}
                data-testid="exchange-note"
              />
            </Stack>
          </Card>

          {mode === 'by-category' && (
            <Card withBorder padding="md">
              <Checkbox.Group
                label={t('detainees.exchange.categories')}
                description={t('detainees.exchange.categoriesHelp')}
                value={categories}
                onChange={(v) => setCategories(v as PersonCategory[])}
                error={form.error('categories')}
                data-testid="exchange-categories"
              >
                <Group gap="md" mt="xs">
                  {PERSON_CATEGORIES.map((c) => (
                    <Checkbox key={c} value={c} label={text.category(c)} data-testid={`exchange-category-${c}`} />
                  ))}
                </Group>
              </Checkbox.Group>
            </Card>
          )}
          {mode === 'all-for-all' && <Alert color="blue">{t('detainees.exchange.allForAllHelp')}</Alert>}

          {withPersons && (
            <Card withBorder padding="md" data-testid="exchange-persons">
              {form.error('persons') && (
                <Text c="red" size="sm" mb="xs">
                  {form.error('persons')}
                </Text>
              )}
              {isParty ? (
                !partyB ? (
                  <Text size="sm" c="dimmed">
                    {t('detainees.exchange.chooseOtherFirst')}
                  </Text>
                ) : (
                  <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                    {ownSought && (
                      <PersonPicker
                        listId={ownSought.id}
                        status="matched"
                        selected={pickA}
                        onToggle={(ref, on) => setPickA((s) => toggle(s, ref, on))}
                        title={t('detainees.exchange.pickSought', { party: name(partyB) })}
                        help={t('detainees.exchange.pickSoughtHelp')}
                        testId="pick-sought"
                      />
                    )}
                    {ownHeld && (
                      <PersonPicker
                        listId={ownHeld.id}
                        selected={pickB}
                        onToggle={(ref, on) => setPickB((s) => toggle(s, ref, on))}
                        title={t('detainees.exchange.pickOffer')}
                        help={t('detainees.exchange.pickOfferHelp')}
                        testId="pick-offer"
                      />
                    )}
                  </SimpleGrid>
                )
              ) : !heldA || !heldB ? (
                <Text size="sm" c="dimmed">
                  {t('detainees.exchange.chooseBothFirst')}
                </Text>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                  <PersonPicker
                    listId={heldA.id}
                    selected={pickA}
                    onToggle={(ref, on) => setPickA((s) => toggle(s, ref, on))}
                    title={t('detainees.exchange.pickHeldBy', { party: name(partyA) })}
                    help={t('detainees.exchange.pickHeldHelp')}
                    testId="pick-held-a"
                  />
                  <PersonPicker
                    listId={heldB.id}
                    selected={pickB}
                    onToggle={(ref, on) => setPickB((s) => toggle(s, ref, on))}
                    title={t('detainees.exchange.pickHeldBy', { party: name(partyB) })}
                    help={t('detainees.exchange.pickHeldHelp')}
                    testId="pick-held-b"
                  />
                </SimpleGrid>
              )}
              {partyA && partyB && (
                <Text size="sm" mt="md" fw={500} data-testid="exchange-balance">
                  {t('detainees.exchange.releasedBy', { party: short(partyA), n: fmt.number(releasedByA) })} ·{' '}
                  {t('detainees.exchange.releasedBy', { party: short(partyB), n: fmt.number(releasedByB) })}
                </Text>
              )}
              {mode === 'one-for-one' && releasedByA !== releasedByB && releasedByA + releasedByB > 0 && (
                <Text size="sm" c="orange.8" data-testid="exchange-unbalanced">
                  {t('detainees.exchange.unbalanced')}
                </Text>
              )}
            </Card>
          )}

          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/exchanges">
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={propose.isPending} data-testid="exchange-submit">
              {t('detainees.exchange.propose')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
