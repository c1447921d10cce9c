import { Alert, Anchor, Badge, Button, Center, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import type { Permission } from '../../auth/permissions';
import { formatDate, formatPatientName, todayIso } from '../../lib/format';
import { expiryStatus } from './lib';
import { useCase, usePatient, usePlan } from './queries';

/** For cells that must not break: batch and serial numbers, dates, MRNs. */
export const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The "Load more" button under a paged list; nothing once the last page is in. */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  if (!hasNextPage) return null;
  return (
    <Center mt="md">
      <Button variant="default" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
        Load more
      </Button>
    </Center>
  );
}

/** A lot's expiry date, flagged when it is past or within the next 30 days. */
export function ExpiryDate({ expiresAt }: { expiresAt: string | null }) {
  const status = expiryStatus(expiresAt, todayIso());
  if (status === 'none') {
    return (
      <Text span fz="inherit">
        No expiry
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text
        span
        fz="inherit"
        style={NOWRAP}
        c={status === 'expired' ? 'red.9' : undefined}
        fw={status === 'ok' ? 400 : 600}
      >
        {formatDate(expiresAt)}
      </Text>
      {status === 'expired' && (
        <Badge color="red.9" style={{ flexShrink: 0 }}>
          Expired
        </Badge>
      )}
      {status === 'soon' && (
        <Badge color="yellow.4" autoContrast style={{ flexShrink: 0 }}>
          Expires soon
        </Badge>
      )}
    </Group>
  );
}

export function YesNo({ value }: { value: boolean }) {
  return (
    <Text span fz="inherit">
      {value ? 'Yes' : 'No'}
    </Text>
  );
}

/** A screen only some roles may use: the others read why instead of a failing request. */
export function RequirePermission({
  permission,
  who,
  children,
}: {
  permission: Permission;
  /** Who may use the screen, as a sentence: "Receiving stock is for nurses and administrators." */
  who: string;
  children: ReactNode;
}) {
  const { can } = useAuth();
  if (can(permission)) return <>{children}</>;
  return (
    <Alert color="gray" title="Not available for your role">
      {who}
    </Alert>
  );
}

function Pending() {
  return <Loader size="xs" aria-label="Loading" />;
}

/** A patient as a link with the name and MRN, read from the patient record. */
export function PatientLink({ id }: { id: string }) {
  const query = usePatient(id);
  if (query.isPending) return <Pending />;
  if (query.isError) {
    return (
      <Anchor fz="inherit" component={Link} to={`/patients/${id}`}>
        Open patient
      </Anchor>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      <Anchor fz="inherit" component={Link} to={`/patients/${id}`}>
        {formatPatientName(query.data)}
      </Anchor>
      <Text span c="dimmed" size="sm">
        MRN {query.data.mrn}
      </Text>
    </Group>
  );
}

/** A plan as a link showing its number (PLAN-2026-001). */
export function PlanLink({ id }: { id: string }) {
  const query = usePlan(id);
  return (
    <Anchor fz="inherit" component={Link} to={`/plans/${id}`}>
      {query.data?.planNumber ?? 'Open plan'}
    </Anchor>
  );
}

/** A surgical case as a link showing its number. */
export function CaseLink({ id }: { id: string }) {
  const query = useCase(id);
  return (
    <Anchor fz="inherit" component={Link} to={`/cases/${id}`}>
      {query.data?.caseNumber ?? 'Open case'}
    </Anchor>
  );
}
