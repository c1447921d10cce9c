import { Button, Group } from '@mantine/core';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import type { Permission } from '../../auth/permissions';
import { CatalogPage } from './CatalogPage';
import { ExpiringPage } from './ExpiringPage';
import { HoldsPage } from './HoldsPage';
import { ItemPage } from './ItemPage';
import { ReceiveUdiPage } from './ReceiveUdiPage';
import { RecallRecordPage, RecallRecordsPage } from './RecallRecordsPage';
import { RecallsPage } from './RecallsPage';
import { SerialLookupPage } from './SerialLookupPage';

const SECTIONS: readonly {
  to: string;
  label: string;
  permission?: Permission;
  /** Other paths that belong to the section (an item page is part of the catalog). */
  also?: string;
}[] = [
  { to: '/inventory', label: 'Catalog', also: '/inventory/items/' },
  { to: '/inventory/receive', label: 'Receive by UDI', permission: 'inventory.write' },
  { to: '/inventory/units', label: 'Serial lookup', permission: 'inventory.trace' },
  { to: '/inventory/recalls', label: 'Recalls', permission: 'inventory.trace' },
  {
    to: '/inventory/recall-records',
    label: 'Recall records',
    permission: 'inventory.recallRecords',
    also: '/inventory/recall-records/',
  },
  { to: '/inventory/expiring', label: 'Expiring' },
  { to: '/inventory/holds', label: 'Holds', permission: 'inventory.allocate' },
];

/** The sections of the area as links (each has its own address), the current one marked. */
function InventoryNav() {
  const { can } = useAuth();
  const { pathname } = useLocation();
  const current = (s: (typeof SECTIONS)[number]) =>
    pathname.replace(/\/$/, '') === s.to || (s.also !== undefined && pathname.startsWith(s.also));
  return (
    <Group component="nav" aria-label="Inventory sections" gap="xs" mb="lg" wrap="wrap">
      {SECTIONS.filter((s) => s.permission === undefined || can(s.permission)).map((s) => (
        <Button
          key={s.to}
          component={Link}
          to={s.to}
          size="sm"
          variant={current(s) ? 'light' : 'subtle'}
          aria-current={current(s) ? 'page' : undefined}
        >
          {s.label}
        </Button>
      ))}
    </Group>
  );
}

/** The inventory screens (routes under /inventory). */
export default function InventoryArea() {
  return (
    <>
      <InventoryNav />
      <Routes>
        <Route index element={<CatalogPage />} />
        <Route path="items/:id" element={<ItemPage />} />
        <Route path="receive" element={<ReceiveUdiPage />} />
        <Route path="units" element={<SerialLookupPage />} />
        <Route path="recalls" element={<RecallsPage />} />
        <Route path="recall-records" element={<RecallRecordsPage />} />
        <Route path="recall-records/:id" element={<RecallRecordPage />} />
        <Route path="expiring" element={<ExpiringPage />} />
        <Route path="holds" element={<HoldsPage />} />
        <Route path="*" element={<Navigate to="/inventory" replace />} />
      </Routes>
    </>
  );
}
