import {
  DEFAULT_HOURS,
  hourSpan,
  timeBox,
  type BlockBox,
} from '../../components/timegrid/placement';

export {
  DEFAULT_HOURS,
  HOUR_PX,
  hourLabel,
  type BlockBox,
} from '../../components/timegrid/placement';

/**
 * Where the day's cases go in the theater grid: one column per operating room, one row per hour
 * of the clinic's clock. A case fills the rows from the hour it starts to the hour it ends (rowSpan),
 * so a 09:00–12:00 case is one block over three rows. Cases of one room whose hours overlap (a
 * cancelled case and the one booked in its place, or 09:00–09:30 and 09:30–10:00) share one block.
 */

/** What placement needs of a case; the grid hands the whole case back to the cell. */
export interface PlaceableCase {
  readonly id: string;
  readonly operatingRoomId: string;
  readonly operatingRoomName: string;
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
}

export interface PlaceableRoom {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

export interface RoomColumn {
  readonly id: string;
  readonly name: string;
}

/** A cell of the grid: the cases starting there, free, or covered by a block from a row above. */
export type GridCell<C> =
  | { readonly kind: 'cases'; readonly cases: readonly C[]; readonly rowSpan: number }
  | { readonly kind: 'free' }
  | { readonly kind: 'covered' };

export interface GridRow<C> {
  /** The hour of the clinic's clock the row starts at, 0–23. */
  readonly hour: number;
  readonly cells: readonly GridCell<C>[];
}

export interface DayGrid<C> {
  readonly rooms: readonly RoomColumn[];
  readonly rows: readonly GridRow<C>[];
}

interface Block<C> {
  readonly first: number;
  end: number;
  readonly cases: C[];
}

/** The case's rows within the day, or null when it does not overlap the day at all. */
export function caseRows(
  c: PlaceableCase,
  dayStart: Date,
  dayEnd: Date,
): { first: number; end: number } | null {
  return hourSpan({ start: c.scheduledStart, end: c.scheduledEnd }, dayStart, dayEnd);
}

/** The room columns: every active room, then inactive or unknown rooms that hold a case today. */
function roomColumns(
  rooms: readonly PlaceableRoom[],
  cases: readonly PlaceableCase[],
): RoomColumn[] {
  const used = new Set(cases.map((c) => c.operatingRoomId));
  const columns: RoomColumn[] = rooms
    .filter((r) => r.active || used.has(r.id))
    .map((r) => ({ id: r.id, name: r.name }));
  for (const c of cases) {
    if (!columns.some((r) => r.id === c.operatingRoomId)) {
      columns.push({ id: c.operatingRoomId, name: c.operatingRoomName });
    }
  }
  return columns;
}

/**
 * Lays the cases of the day `[dayStart, dayEnd)` out in rooms × hours. Rows run from 07:00 to
 * 19:00, extended to the first and last hour any case occupies; a case outside the day is left
 * out.
 */
export function placeCases<C extends PlaceableCase>(
  cases: readonly C[],
  rooms: readonly PlaceableRoom[],
  dayStart: Date,
  dayEnd: Date,
  hours: { first: number; end: number } = DEFAULT_HOURS,
): DayGrid<C> {
  const placed = cases
    .map((c) => ({ c, rows: caseRows(c, dayStart, dayEnd) }))
    .filter((p): p is { c: C; rows: { first: number; end: number } } => p.rows !== null)
    .sort(
      (a, b) =>
        a.rows.first - b.rows.first ||
        new Date(a.c.scheduledStart).getTime() - new Date(b.c.scheduledStart).getTime(),
    );
  const columns = roomColumns(
    rooms,
    placed.map((p) => p.c),
  );

  let first: number = hours.first;
  let end: number = hours.end;
  const blocksByRoom = new Map<string, Block<C>[]>(columns.map((r) => [r.id, []]));
  for (const { c, rows } of placed) {
    first = Math.min(first, rows.first);
    end = Math.max(end, rows.end);
    const blocks = blocksByRoom.get(c.operatingRoomId) ?? [];
    const last = blocks.at(-1);
    if (last !== undefined && rows.first < last.end) {
      last.end = Math.max(last.end, rows.end);
      last.cases.push(c);
    } else {
      blocks.push({ first: rows.first, end: rows.end, cases: [c] });
    }
    blocksByRoom.set(c.operatingRoomId, blocks);
  }

  const rows: GridRow<C>[] = [];
  for (let hour = first; hour < end; hour++) {
    const cells = columns.map((room): GridCell<C> => {
      const block = (blocksByRoom.get(room.id) ?? []).find((b) => b.first <= hour && hour < b.end);
      if (block === undefined) return { kind: 'free' };
      if (block.first !== hour) return { kind: 'covered' };
      return { kind: 'cases', cases: block.cases, rowSpan: block.end - block.first };
    });
    rows.push({ hour, cells });
  }
  return { rooms: columns, rows };
}

/**
 * Where a block of cases is drawn in a room's column whose first row is `firstHour`: from its
 * earliest start to its latest end, on the local clock, `hourPx` per hour. A 3-hour case is
 * three times as tall as a 1-hour one, whatever its text.
 */
export function blockBox(
  cases: readonly Pick<PlaceableCase, 'scheduledStart' | 'scheduledEnd'>[],
  firstHour: number,
  dayStart: Date,
  dayEnd: Date,
  hourPx?: number,
): BlockBox {
  const spans = cases.map((c) => ({ start: c.scheduledStart, end: c.scheduledEnd }));
  return timeBox(spans, firstHour, dayStart, dayEnd, hourPx);
}
