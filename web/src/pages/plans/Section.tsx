import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One part of the plan page: a titled region others can link to (`#id`). */
export function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-title`;
  return (
    <Card
      withBorder
      component="section"
      id={id}
      aria-labelledby={headingId}
      style={{ scrollMarginTop: 72, overflow: 'visible' }}
    >
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        {actions !== undefined && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Card>
  );
}
