import { Anchor, Box, Container, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The page around every view: the clinic's name (and phone) and one column a phone can read. */
export function Frame({
  clinic,
  phone,
  children,
}: {
  clinic: string | null;
  phone?: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <Box component="header" bg="indigo.8" c="white" py="sm">
        <Container size="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={700}>{clinic ?? 'Your clinic'}</Text>
            {phone !== undefined && phone !== null && (
              <Anchor href={`tel:${phone.replace(/[^+\d]/g, '')}`} c="white" underline="always">
                Call {phone}
              </Anchor>
            )}
          </Group>
        </Container>
      </Box>
      <Container size="sm" component="main" py="lg" px="md">
        <Stack gap="lg">{children}</Stack>
      </Container>
    </>
  );
}

/** A bordered block of a view. */
export function Block({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}
