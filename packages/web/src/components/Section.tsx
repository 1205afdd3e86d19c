import type { ReactNode } from 'react';
import { Card, Group, Title } from '@mantine/core';

/** A titled card on a detail page (a report, an incident, a person, an exchange, a meeting), with actions beside the title when given. */
export function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      {actions ? (
        <Group justify="space-between" mb="sm" gap="xs">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Group gap="xs">{actions}</Group>
        </Group>
      ) : (
        <Title order={3} size="h5" mb="sm">
          {title}
        </Title>
      )}
      {children}
    </Card>
  );
}
