import {
  Alert,
  Anchor,
  Button,
  Card,
  DataList,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useInventoryItems } from '../../api/queries';
import { CaseLink } from '../../components/CaseLink';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { PatientLink } from '../../components/PatientLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleGate } from '../../components/RoleGate';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../lib/format';
import { needsItemChoice } from './lib';
import { useUnit, type Unit } from './queries';
import { PlanLink } from './shared';

function UnitCard({ unit }: { unit: Unit }) {
  const rows: [string, ReactNode][] = [
    ['Serial number', unit.serialNumber],
    ['Status', <StatusBadge key="s" status={unit.status} />],
    [
      'Item',
      <Anchor key="i" component={Link} to={`/inventory/items/${unit.itemId}`}>
        {unit.itemCode}
      </Anchor>,
    ],
    [
      'Batch',
      <Anchor
        fz="inherit"
        key="b"
        component={Link}
        to={`/inventory/recalls?batchId=${encodeURIComponent(unit.batchId)}`}
        aria-label={`Batch ${unit.batchNumber}: recall list`}
      >
        {unit.batchNumber}
      </Anchor>,
    ],
  ];
  if (unit.patientId !== null) {
    rows.push(['Patient', <PatientLink key="p" id={unit.patientId} mrnBeside inherit />]);
  }
  if (unit.procedurePlanId !== null) {
    rows.push([
      unit.status === 'RESERVED' ? 'Reserved for plan' : 'Plan',
      <PlanLink key="pl" id={unit.procedurePlanId} />,
    ]);
  }
  if (unit.surgicalCaseId !== null) {
    rows.push(['Case', <CaseLink key="c" id={unit.surgicalCaseId} inherit />]);
  }
  if (unit.consumedAt !== null) rows.push(['Consumed at', formatDateTime(unit.consumedAt)]);
  return (
    <Card withBorder maw={640}>
      <DataList labelWidth={150} aria-label="Implant">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {unit.patientId === null && unit.status !== 'CONSUMED' && (
        <Text size="sm" c="dimmed" mt="sm">
          Not implanted: no patient has received this unit.
        </Text>
      )}
    </Card>
  );
}

/** A serial number that several items share: the person names the item, the lookup runs again. */
function ChooseItem({ onChoose }: { onChoose: (itemId: string) => void }) {
  const items = useInventoryItems();
  const [itemId, setItemId] = useState<string | null>(null);
  const options = (items.data ?? [])
    .filter((i) => i.requiresSerialNumber)
    .map((i) => ({ value: i.id, label: `${i.code} — ${i.name}` }));
  return (
    <Alert color="yellow" title="Several items have this serial number">
      <Group align="flex-end" wrap="wrap" mt="xs">
        <Select
          label="Item"
          placeholder={items.isPending ? 'Loading items…' : 'Choose the item'}
          data={options}
          value={itemId}
          onChange={setItemId}
          searchable
          w={360}
        />
        <Button disabled={itemId === null} onClick={() => itemId !== null && onChoose(itemId)}>
          Look up in this item
        </Button>
      </Group>
    </Alert>
  );
}

function LookupResult({
  serial,
  itemId,
  onChooseItem,
}: {
  serial: string;
  itemId: string | undefined;
  onChooseItem: (itemId: string) => void;
}) {
  const query = useUnit(serial, itemId);
  if (query.isPending) {
    return <PageLoader />;
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <Alert color="gray" title="Not found" role="alert">
          No implant with this serial number
        </Alert>
      );
    }
    if (needsItemChoice(query.error)) return <ChooseItem onChoose={onChooseItem} />;
    return <ProblemAlert error={query.error} title="Could not look up this serial number" />;
  }
  return <UnitCard unit={query.data} />;
}

/**
 * The serial number field; it starts from the address, so Back shows what was asked. Enter looks
 * the serial up; pressed again on the same serial with its unit shown, it opens that unit.
 */
function SerialForm({
  initial,
  onLookUp,
  onOpen,
}: {
  initial: string;
  onLookUp: (serial: string) => void;
  /** Opens the unit shown for `initial`; absent while none is. */
  onOpen: (() => void) | undefined;
}) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim();
    setError(value === '' ? 'Enter a serial number' : null);
    if (value !== '' && value === initial && onOpen) onOpen();
    else if (value !== '') onLookUp(value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label="Serial number"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={error}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          w={320}
        />
        <Button type="submit" mt={25}>
          Look up
        </Button>
      </Group>
    </form>
  );
}

/** "Who has this implant?" (NURSE, SURGEON, ADMIN): the API records every lookup. */
function SerialLookup() {
  const [params, setParams] = useSearchParams();
  const serial = params.get('serial')?.trim() ?? '';
  const itemId = params.get('itemId') ?? undefined;
  const navigate = useNavigate();
  const unit = useUnit(serial, itemId).data;
  // "Who has this implant?": the unit opens on its patient once implanted, else on its item.
  const open = unit
    ? () =>
        void navigate(
          unit.patientId !== null
            ? `/patients/${unit.patientId}`
            : `/inventory/items/${unit.itemId}`,
        )
    : undefined;
  return (
    <Stack>
      <SerialForm
        key={serial}
        initial={serial}
        onLookUp={(value) => setParams({ serial: value })}
        onOpen={open}
      />
      {serial === '' ? (
        <Text c="dimmed">Enter the serial number from the implant record or explant.</Text>
      ) : (
        <LookupResult
          serial={serial}
          itemId={itemId}
          onChooseItem={(id) => setParams({ serial, itemId: id })}
        />
      )}
    </Stack>
  );
}

export function SerialLookupPage() {
  return (
    <>
      <PageHeader title="Serial lookup" />
      <RoleGate
        permission="inventory.trace"
        message="The implant lookup is for nurses, surgeons and administrators: a used implant names its patient."
      >
        <SerialLookup />
      </RoleGate>
    </>
  );
}
