import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { downloadPdf } from './api';
import { ErrorNote } from './ErrorNote';
import { useFocusOnOpen, viewHref } from './view';

/** A view's top: the way back to the steps, then its heading (focused when the view opens). */
export function ViewHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  return (
    <Stack gap="xs">
      <Anchor href={viewHref('home')} className="portal-no-print">
        ← Back to your steps
      </Anchor>
      <Title order={1} ref={heading} tabIndex={-1}>
        {title}
      </Title>
      {intro !== undefined && <Text>{intro}</Text>}
    </Stack>
  );
}

/** A button that saves a PDF of the portal (fetched with the link's credential). */
export function PdfDownload({
  path,
  fileName,
  children,
}: {
  path: string;
  fileName: string;
  children: ReactNode;
}) {
  const pdf = useMutation({ mutationFn: () => downloadPdf(path, fileName) });
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" size="md" loading={pdf.isPending} onClick={() => pdf.mutate()}>
          {children}
        </Button>
      </Group>
      <ErrorNote error={pdf.error} title="The PDF could not be downloaded" />
    </Stack>
  );
}

/** A label and its value, one under the other on a phone (a card's or a summary's line). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}
