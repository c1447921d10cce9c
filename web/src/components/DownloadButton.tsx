import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { downloadText } from '../api/client';
import { notifyError } from './forms';

/**
 * A button that downloads a text file the API serves (an 837P, a report's CSV) under `fileName`,
 * or the server's file name when none is given; a failure is notified.
 */
export function DownloadButton({
  path,
  fileName,
  children,
  ...props
}: { path: string; fileName?: string; children: ReactNode } & ButtonProps) {
  const download = useMutation({
    mutationFn: () => downloadText(path, fileName),
    onError: notifyError,
  });
  return (
    <Button
      variant="default"
      {...props}
      loading={download.isPending}
      onClick={() => download.mutate()}
    >
      {children}
    </Button>
  );
}
