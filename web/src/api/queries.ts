import { queryOptions, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from './client';
import { allPages } from './paged';
import type { components } from './schema';

/**
 * The queries of resources that several areas of the app read, one definition each. Every key
 * starts with its resource ('patients', 'users', 'inventory', …), as docs/web-app.md has it, so
 * a mutation in one area refreshes what another shows with one invalidation.
 */

export type Patient = components['schemas']['PatientDto_Output'];
export type StaffUser = components['schemas']['UserDto_Output'];
export type OperatingRoom = components['schemas']['OperatingRoomDto_Output'];
export type InventoryItem = components['schemas']['InventoryItemDto_Output'];
export type Stock = components['schemas']['StockDto_Output'];

/** Invalidates several query families at once, after a mutation that changed them. */
export function useInvalidate(): (...keys: QueryKey[]) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (...keys: QueryKey[]) => {
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    [queryClient],
  );
}

// Patients

export function patientQuery(id: string) {
  return queryOptions({
    queryKey: ['patients', id],
    queryFn: () => unwrap(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })),
  });
}

export function usePatient(id: string) {
  return useQuery(patientQuery(id));
}

// Staff (every role may read the directory: docs/roles.md)

/** The whole staff directory, inactive people included (an old record may name them). */
export function staffQuery() {
  return queryOptions({
    queryKey: ['users', 'list'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 5 * 60_000,
  });
}

export function useStaff() {
  return useQuery(staffQuery());
}

const namesOf = (users: StaffUser[]): ReadonlyMap<string, string> =>
  new Map(users.map((u) => [u.id, u.name]));
const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** Staff names by user id, to name who created, recorded or approved something. */
export function useStaffNames(): ReadonlyMap<string, string> {
  return useQuery({ ...staffQuery(), select: namesOf }).data ?? NO_NAMES;
}

const surgeonsOf = (users: StaffUser[]) => users.filter((u) => u.role === 'SURGEON');

/** Every surgeon, inactive ones too (to name the surgeon of an old record): filter `active` to pick. */
export function useSurgeons() {
  return useQuery({ ...staffQuery(), select: surgeonsOf });
}

// Operating rooms

/** Every operating room, inactive ones too (a case may still be in one): filter `active` to pick. */
export function useOperatingRooms() {
  return useQuery({
    queryKey: ['operating-rooms', 'list'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/operating-rooms', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 5 * 60_000,
  });
}

// Inventory

/** The whole inventory catalog, inactive items included (a past usage may name one). */
export function useInventoryItems() {
  return useQuery({
    queryKey: ['inventory', 'items', 'list', 'all'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/inventory/items', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 60_000,
  });
}

export function inventoryItemQuery(id: string) {
  return queryOptions({
    queryKey: ['inventory', 'items', id],
    queryFn: () => unwrap(api.GET('/api/v1/inventory/items/{id}', { params: { path: { id } } })),
  });
}

/** An item's stock: on hand, reserved and available, in all and per batch. */
export function stockQuery(itemId: string) {
  return queryOptions({
    queryKey: ['inventory', 'stock', itemId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/inventory/items/{id}/stock', { params: { path: { id: itemId } } })),
  });
}

export function useInventoryItem(id: string) {
  return useQuery(inventoryItemQuery(id));
}

/** An item's stock, once there is an item (`null`: none yet). */
export function useStock(itemId: string | null) {
  return useQuery({ ...stockQuery(itemId ?? ''), enabled: itemId !== null });
}

// Plans, cases and quotes

/** The plan, its requirements, consent link and version: the root of every plan page query. */
export function planQuery(id: string) {
  return queryOptions({
    queryKey: ['procedure-plans', id],
    queryFn: () => unwrap(api.GET('/api/v1/procedure-plans/{id}', { params: { path: { id } } })),
  });
}

export function usePlan(id: string) {
  return useQuery(planQuery(id));
}

export function caseQuery(id: string) {
  return queryOptions({
    queryKey: ['surgical-cases', id],
    queryFn: () => unwrap(api.GET('/api/v1/surgical-cases/{id}', { params: { path: { id } } })),
  });
}

export function useCase(id: string) {
  return useQuery(caseQuery(id));
}

export function quoteQuery(id: string) {
  return queryOptions({
    queryKey: ['quotes', id],
    queryFn: () => unwrap(api.GET('/api/v1/quotes/{id}', { params: { path: { id } } })),
  });
}

export type Clinic = components['schemas']['ClinicDto_Output'];

/** The caller's clinic: name, address, phone and the time zone every screen uses (docs/clinic.md). */
export const clinicQuery = queryOptions({
  queryKey: ['clinic'],
  queryFn: () => unwrap(api.GET('/api/v1/clinic')),
  staleTime: 5 * 60_000,
});

export function useClinic() {
  return useQuery(clinicQuery);
}
