import { Badge } from '@mantine/core';
import type { PersonStatus } from '@truce/core/detainees/status';
import type { ComparisonOutcome, ExchangeState, ListKind, PersonOutcome } from './api.ts';
import { COMPARISON_LOOK, EXCHANGE_COLOUR, KIND_COLOUR, OUTCOME_COLOUR, STATUS_COLOUR, useDetaineeText } from './labels.ts';

/** A person's status on a list: its name on a colour (never the colour alone). */
export function StatusBadge({ status, size = 'sm' }: { status: PersonStatus; size?: string }) {
  const text = useDetaineeText();
  return (
    <Badge color={STATUS_COLOUR[status] ?? 'gray'} variant="light" size={size} data-testid="person-status" data-status={status}>
      {text.status(status)}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: PersonOutcome }) {
  const text = useDetaineeText();
  return (
    <Badge
      color={OUTCOME_COLOUR[outcome] ?? 'gray'}
      variant={outcome === 'pending' ? 'outline' : 'light'}
      size="sm"
      data-testid="exchange-person-outcome"
      data-outcome={outcome}
    >
      {text.outcome(outcome)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ListKind }) {
  const text = useDetaineeText();
  return (
    <Badge color={KIND_COLOUR[kind]} variant="light" size="sm">
      {text.kind(kind)}
    </Badge>
  );
}

export function ExchangeStateBadge({ state }: { state: ExchangeState }) {
  const text = useDetaineeText();
  return (
    <Badge color={EXCHANGE_COLOUR[state] ?? 'gray'} variant="filled" size="sm" data-testid="exchange-state" data-state={state}>
      {text.exchangeState(state)}
    </Badge>
  );
}

/** How a field compared: a sign (✓ ≈ ✗ –) and the word, on the outcome's colour. */
export function ComparisonBadge({ outcome }: { outcome: ComparisonOutcome }) {
  const text = useDetaineeText();
  const look = COMPARISON_LOOK[outcome] ?? COMPARISON_LOOK.missing;
  return (
    <Badge
      color={look.colour}
      variant={outcome === 'missing' ? 'outline' : 'light'}
      size="sm"
      leftSection={<span aria-hidden="true">{look.sign}</span>}
      data-testid="comparison-outcome"
      data-outcome={outcome}
    >
      {text.comparison(outcome)}
    </Badge>
  );
}
