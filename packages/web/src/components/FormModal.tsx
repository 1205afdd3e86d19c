import type { ReactNode } from 'react';
import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** A dialog for a form; full screen on a phone, where a floating dialog leaves no room. */
export function FormModal({
  opened,
  onClose,
  title,
  children,
  size = 'lg',
  testId,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: string;
  testId?: string;
}) {
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} fullScreen={phone} centered={!phone} data-testid={testId}>
      {children}
    </Modal>
  );
}
