import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrgKind } from '../api/types.ts';

const COLOURS: Record<OrgKind, string> = {
  secretariat: 'blue',
  guarantor: 'grape',
  party: 'orange',
  facilitator: 'teal',
  observer: 'cyan',
  monitor: 'lime',
};

export function KindBadge({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[kind] ?? 'gray'} variant="light" size="sm">
      {t(`kinds.${kind}`)}
    </Badge>
  );
}
