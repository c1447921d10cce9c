import {
  Anchor,
  Button,
  Checkbox,
  Code,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Fragment, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { useStaff, useStaffNames } from '../../api/queries';
import type { components } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { PagedRows } from '../../components/PagedRows';
import { useSetSearchParam } from '../../components/useSetSearchParam';
import { formatDateTime } from '../../lib/format';
import { ENTITY_TYPES, entityPath, isUuid, toApiQuery, type AuditFilters } from './auditFilters';

type AuditEvent = components['schemas']['AuditEventPageDto_Output']['data'][number];

const PAGE_SIZE = 50;
const FILTER_NAMES = ['entityType', 'entityId', 'actorId', 'from', 'to', 'reads'] as const;

/** The clinic's audit trail, newest first, narrowed by the filters the URL keeps. */
export function AuditEventsPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, params.get(name) ?? '']),
  ) as unknown as AuditFilters;

  // The entity ID is typed: only a full ID (or none) reaches the URL and the query.
  const [entityIdDraft, setEntityIdDraft] = useState(filters.entityId);
  const [seenEntityId, setSeenEntityId] = useState(filters.entityId);
  if (filters.entityId !== seenEntityId) {
    setSeenEntityId(filters.entityId);
    setEntityIdDraft(filters.entityId);
  }

  const setFilter: (name: keyof AuditFilters, value: string | null) => void = useSetSearchParam();

  const typeEntityId = (value: string) => {
    setEntityIdDraft(value);
    if (value.trim() === '' || isUuid(value)) setFilter('entityId', value.trim());
  };

  const users = useStaff();
  const userNames = useStaffNames();

  const draftError =
    entityIdDraft.trim() !== '' && !isUuid(entityIdDraft)
      ? 'Enter the whole ID (36 characters, as the table shows it)'
      : null;
  const checked = toApiQuery(filters);
  const hasFilters = FILTER_NAMES.some((name) => filters[name] !== '') || entityIdDraft !== '';

  return (
    <>
      <PageHeader title="Audit events" />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} mb="sm">
        <Select
          label="Entity type"
          placeholder="Any type"
          data={[...ENTITY_TYPES]}
          value={filters.entityType === '' ? null : filters.entityType}
          onChange={(value) => setFilter('entityType', value)}
          searchable
          clearable
        />
        <TextInput
          label="Entity ID"
          placeholder="Full ID"
          value={entityIdDraft}
          onChange={(event) => typeEntityId(event.currentTarget.value)}
          error={draftError}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <Select
          label="Actor"
          placeholder={users.isError ? 'Users could not be loaded' : 'Anyone'}
          data={(users.data ?? []).map((u) => ({
            value: u.id,
            label: `${u.name} (${u.role.toLowerCase()}${u.active ? '' : ', inactive'})`,
          }))}
          value={filters.actorId === '' ? null : filters.actorId}
          onChange={(value) => setFilter('actorId', value)}
          searchable
          clearable
        />
        <DateInput
          label="From"
          placeholder="Any date"
          value={filters.from === '' ? null : filters.from}
          onChange={(value) => setFilter('from', value)}
          error={checked.errors?.from}
          clearable
        />
        <DateInput
          label="To"
          placeholder="Any date"
          value={filters.to === '' ? null : filters.to}
          onChange={(value) => setFilter('to', value)}
          error={checked.errors?.to}
          clearable
        />
      </SimpleGrid>
      <Group mb="md">
        <Checkbox
          label="Include page reads (who opened or listed a record)"
          checked={filters.reads === '1'}
          onChange={(event) => setFilter('reads', event.currentTarget.checked ? '1' : null)}
        />
        {hasFilters && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setEntityIdDraft('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      {checked.query === null ? (
        <Text c="dimmed">Correct the filters above to see events.</Text>
      ) : (
        <EventList query={checked.query} userNames={userNames} />
      )}
    </>
  );
}

function EventList({
  query: apiQuery,
  userNames,
}: {
  query: NonNullable<ReturnType<typeof toApiQuery>['query']>;
  userNames: ReadonlyMap<string, string>;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const query = usePagedList({
    queryKey: ['audit-events', 'list', apiQuery],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/audit-events', {
          params: { query: { ...apiQuery, limit: PAGE_SIZE, cursor } },
        }),
      ),
  });

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <PagedRows query={query} empty="No audit events match these filters.">
      {(events) => (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Entity type</Table.Th>
                <Table.Th>Entity ID</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <EventRow
                  key={event.id}
                  event={event}
                  actor={actorName(event.actorId, userNames)}
                  open={expanded.has(event.id)}
                  onToggle={() => toggle(event.id)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </PagedRows>
  );
}

function actorName(actorId: string | null, names: ReadonlyMap<string, string>): string {
  if (actorId === null) return 'System';
  return names.get(actorId) ?? `Unknown user ${actorId.slice(0, 8)}…`;
}

function EventRow({
  event,
  actor,
  open,
  onToggle,
}: {
  event: AuditEvent;
  actor: string;
  open: boolean;
  onToggle: () => void;
}) {
  const detailsId = `audit-details-${event.id}`;
  const path = event.entityId === null ? null : entityPath(event.entityType, event.entityId);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
        <Table.Td>{actor}</Table.Td>
        <Table.Td ff="monospace">{event.action}</Table.Td>
        <Table.Td>
          {event.subject === null ? (
            '—'
          ) : (
            <Anchor component={Link} to={`/patients/${event.subject.patientId}`}>
              {event.subject.name}
            </Anchor>
          )}
        </Table.Td>
        <Table.Td>{event.entityType}</Table.Td>
        <Table.Td ff="monospace" fz="sm">
          {event.entityId === null ? (
            '—'
          ) : path === null ? (
            event.entityId
          ) : (
            <Anchor component={Link} to={path} ff="monospace" fz="sm">
              {event.entityId}
            </Anchor>
          )}
        </Table.Td>
        <Table.Td>
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={onToggle}
          >
            {open ? 'Hide details' : 'Show details'}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={7}>
            <EventDetails event={event} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** What an event carries besides its columns: metadata, the fields it changed, its request. */
function EventDetails({ event }: { event: AuditEvent }) {
  const metadata = Object.entries(event.metadata ?? {});
  return (
    <Stack gap="xs" py="xs">
      <Text size="sm">
        <Text span fw={600}>
          Changed fields:{' '}
        </Text>
        {event.changedFields.length === 0 ? 'none' : event.changedFields.join(', ')}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          Request:{' '}
        </Text>
        {event.requestId === null ? '—' : <Code>{event.requestId}</Code>}
      </Text>
      {metadata.length === 0 ? (
        <Text size="sm" c="dimmed">
          No metadata.
        </Text>
      ) : (
        <Table withTableBorder maw={640} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Metadata</Table.Th>
              <Table.Th>Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {metadata.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Td ff="monospace">{key}</Table.Td>
                <Table.Td>{String(value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
