import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { openPdf } from '../api/client';
import { notifyError } from './forms';

/** A button that opens a PDF the API serves (a quote, a bill) in a new tab; a failure is notified. */
export function PdfButton({ path, children }: { path: string; children: ReactNode }) {
  const pdf = useMutation({ mutationFn: () => openPdf(path), onError: notifyError });
  return (
    <Button variant="default" loading={pdf.isPending} onClick={() => pdf.mutate()}>
      {children}
    </Button>
  );
}
