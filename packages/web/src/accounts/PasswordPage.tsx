import { Box } from '@mantine/core';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

export function PasswordPage() {
  return (
    <Box maw={520}>
      <ChangePasswordForm />
    </Box>
  );
}
