import type { operations } from '../../api/schema';
import type { PlanStatus } from './types';

/** The board's filters, kept in the address so a filtered board can be reloaded or shared. */
export interface BoardFilters {
  readonly surgeonId: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readBoardFilters(params: URLSearchParams): BoardFilters {
  const date = (name: string) => {
    const value = params.get(name);
    return value !== null && DATE.test(value) ? value : null;
  };
  return { surgeonId: params.get('surgeonId') || null, from: date('from'), to: date('to') };
}

export function boardFilterParams(filters: BoardFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.surgeonId !== null) out.surgeonId = filters.surgeonId;
  if (filters.from !== null) out.from = filters.from;
  if (filters.to !== null) out.to = filters.to;
  return out;
}

type ListQuery = NonNullable<operations['ProcedurePlanController_list']['parameters']['query']>;

/**
 * The list query of one board column. A plan's surgeon is its consultation's or its case's; its
 * date is the day it was created (docs/procedure-plans.md, "Listing").
 */
export function planListQuery(
  status: PlanStatus,
  filters: BoardFilters,
  cursor: string | undefined,
): ListQuery {
  return {
    status,
    limit: 50,
    cursor,
    surgeonId: filters.surgeonId ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
  };
}
