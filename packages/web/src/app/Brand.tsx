import { Group, Text } from '@mantine/core';

export function Brand({ mechanism }: { mechanism?: string | null }) {
  return (
    <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <Text fw={700} size="lg">
        Truce
      </Text>
      {mechanism && (
        <Text size="sm" c="dimmed" truncate visibleFrom="xs" dir="auto" data-testid="mechanism-name">
          {mechanism}
        </Text>
      )}
    </Group>
  );
}
