import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { ALERT_TEXT } from './lib';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { usePagedList } from '../../../api/paged';
import { ApiError } from '../../../api/problem';
import { useInvalidate } from '../../../api/queries';
import { notifySuccess } from '../../../components/forms';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { BillingListPage, numberColumn, type Column } from '../BillingListPage';
import { x12ErrorPlace } from './lib';
import { RemittanceResult } from './RemittanceResult';
import type { Remittance, RemittanceSummary } from './types';

const PAGE_SIZE = 25;

/** The answer to posting an 835: the remittance, and whether it had been posted before (200). */
export interface PostedRemittance {
  remittance: Remittance;
  alreadyPosted: boolean;
}

async function sendRemittance(x12: string, preview: boolean): Promise<PostedRemittance> {
  const call = api.POST('/api/v1/remittances', {
    params: { query: preview ? { preview: 'true' } : {} },
    body: { x12 },
  });
  const { response } = await call;
  const remittance = await unwrap(call);
  return { remittance, alreadyPosted: !preview && response.status === 200 };
}

const COLUMNS: readonly Column<RemittanceSummary>[] = [
  numberColumn(
    'Trace number',
    (r) => `/billing/remittances/${r.id}`,
    (r) => r.traceNumber,
  ),
  { header: 'Payer', cell: (r) => r.payerName },
  { header: 'Payment', amount: true, nowrap: true, cell: (r) => formatMoney(r.paymentTotal) },
  { header: 'Method', nowrap: true, cell: (r) => r.paymentMethod },
  { header: 'Claims', amount: true, cell: (r) => r.claimCount },
  { header: 'Unmatched', amount: true, cell: (r) => r.unmatchedCount },
  { header: 'Posted', nowrap: true, cell: (r) => formatDateTime(r.createdAt) },
];

/** The remittances posted (newest first), and the form that previews and posts an 835. */
export function RemittancesPage() {
  const query = usePagedList({
    queryKey: ['remittances', 'list'],
    page: (cursor) =>
      unwrap(api.GET('/api/v1/remittances', { params: { query: { limit: PAGE_SIZE, cursor } } })),
  });
  return (
    <BillingListPage
      title="Remittances"
      filters={
        <>
          <PostRemittance />
          <Title order={2} size="h4" mb="xs">
            Posted remittances
          </Title>
        </>
      }
      query={query}
      empty="No remittance posted yet."
      columns={COLUMNS}
    />
  );
}

/**
 * An 835 uploaded or pasted; "Preview" shows what it would post (nothing changes), "Post" posts
 * it in one go. A file that cannot be read or does not balance shows each error with its segment
 * and position, and nothing is posted.
 */
export function PostRemittance() {
  const [x12, setX12] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const invalidate = useInvalidate();
  const preview = useMutation({ mutationFn: (text: string) => sendRemittance(text, true) });
  const post = useMutation({
    mutationFn: (text: string) => sendRemittance(text, false),
    onSuccess: ({ remittance, alreadyPosted }) => {
      preview.reset();
      notifySuccess(
        alreadyPosted
          ? `TRN ${remittance.traceNumber} was already posted: nothing changed.`
          : `TRN ${remittance.traceNumber} posted.`,
      );
      void invalidate(['remittances'], ['claims'], ['bills']);
    },
  });
  const change = (text: string) => {
    setX12(text);
    preview.reset();
    post.reset();
  };
  const pick = async (picked: File | null) => {
    setFile(picked);
    change(picked === null ? '' : await picked.text());
  };
  const empty = x12.trim() === '';
  return (
    <Card withBorder mb="lg" component="section" aria-labelledby="post-835">
      <Title order={2} size="h4" id="post-835" mb="xs">
        Post an 835 remittance
      </Title>
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label="835 file"
            placeholder="Choose the payer's 835"
            // Mantine's placeholder grey is 2:1 on white; the dimmed text colour reads at 4.5:1.
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            value={file}
            onChange={(f) => void pick(f)}
            clearable
            w={320}
          />
          <Text size="sm" c="dimmed" pb={8}>
            or paste it below
          </Text>
        </Group>
        <Textarea
          label="835 text"
          description="ISA … IEA, as the payer or clearinghouse sent it"
          autosize
          minRows={3}
          maxRows={10}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          value={x12}
          onChange={(e) => {
            setFile(null);
            change(e.currentTarget.value);
          }}
        />
        <Group>
          <Button
            variant="default"
            disabled={empty}
            loading={preview.isPending}
            onClick={() => preview.mutate(x12)}
          >
            Preview
          </Button>
          <Button disabled={empty} loading={post.isPending} onClick={() => post.mutate(x12)}>
            Post
          </Button>
        </Group>
        <X12Errors error={preview.error ?? post.error} />
        {preview.data !== undefined &&
          (preview.data.remittance.preview || preview.data.remittance.id === null ? (
            <div data-testid="remittance-preview">
              <Alert
                color="blue"
                title="Preview: nothing is posted yet"
                mb="sm"
                styles={ALERT_TEXT}
              >
                This is what posting this 835 will do. Check it, then press Post.
              </Alert>
              <RemittanceResult remittance={preview.data.remittance} preview />
            </div>
          ) : (
            // The API answers the preview of an 835 already posted with what it posted then.
            <div data-testid="remittance-preview">
              <Alert color="yellow" title="Already posted" mb="sm" styles={ALERT_TEXT}>
                This 835 (same payer and trace number) was posted before: posting it again changes
                nothing. Below is what it posted.
                <div>
                  <Button
                    component={Link}
                    to={`/billing/remittances/${preview.data.remittance.id}`}
                    variant="default"
                    size="xs"
                    mt="xs"
                  >
                    Open the remittance
                  </Button>
                </div>
              </Alert>
              <RemittanceResult remittance={preview.data.remittance} />
            </div>
          ))}
        {post.data !== undefined && (
          <div data-testid="remittance-posted">
            <Alert
              color={post.data.alreadyPosted ? 'yellow' : 'green'}
              styles={ALERT_TEXT}
              title={post.data.alreadyPosted ? 'Already posted' : 'Posted'}
              mb="sm"
            >
              {post.data.alreadyPosted
                ? 'This 835 (same payer and trace number) was posted before; nothing changed. '
                : 'The payments and adjustments below are on the claims and bills. '}
              <div>
                <Button
                  component={Link}
                  to={`/billing/remittances/${post.data.remittance.id ?? ''}`}
                  variant="default"
                  size="xs"
                  mt="xs"
                >
                  Open the remittance
                </Button>
              </div>
            </Alert>
            <RemittanceResult remittance={post.data.remittance} />
          </div>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Why an 835 was refused: for a 400 `INVALID_X12`, each error with where it is (the segment and
 * its position); otherwise the usual problem alert.
 */
export function X12Errors({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (!(error instanceof ApiError) || error.status !== 400 || errors.length === 0) {
    return <ProblemAlert error={error} title="Not posted" />;
  }
  return (
    <Alert color="red" title="This 835 cannot be posted: nothing was posted" role="alert">
      <Text size="sm" mb="xs">
        {error.message}
      </Text>
      <Table withTableBorder fz="sm" bg="var(--mantine-color-body)">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Segment</Table.Th>
            <Table.Th>Position</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e) => {
            const where = x12ErrorPlace(e);
            return (
              <Table.Tr key={`${e.path}:${e.message}`}>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {where.segment}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{where.position}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
