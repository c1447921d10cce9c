import { Box, ScrollArea, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatTime } from '../../lib/format';
import {
  HOUR_PX,
  hourLabel,
  timeBox,
  type Hours,
  type MinuteRange,
  type SlotCell,
  type Timed,
} from './placement';
import './timegrid.css';

const HOUR_COLUMN = 64;
const HEADER = 36;

/** What a lane draws: one block per group of entries, from its earliest start to its latest end. */
export interface TimeGridBlock {
  readonly key: string;
  readonly spans: readonly Timed[];
  readonly content: ReactNode;
  readonly testId?: string;
}

/** A column of the grid: a room, a provider, or a day. */
export interface TimeGridLane {
  readonly id: string;
  /** The column's heading, and its region's name for a screen reader. */
  readonly name: string;
  /** Drawn instead of `name` in the heading (a link, a date); `name` still names the region. */
  readonly heading?: ReactNode;
  readonly dayStart: Date;
  readonly dayEnd: Date;
  readonly blocks: readonly TimeGridBlock[];
  /** The lane's working hours that day; the rest is hatched. Undefined: nothing is hatched. */
  readonly open?: readonly MinuteRange[];
  /** Empty cells that may be booked; `free` marks those the free-slot search offers. */
  readonly slots?: readonly { readonly cell: SlotCell; readonly free: boolean }[];
}

/**
 * A day (or a week) on the clinic's clock: the hours down the side, a column per lane, each block
 * drawn as tall as it lasts (placement.ts). With `onSlot`, each empty cell is a button (reached
 * with Tab, named for the lane and its time) that hands its cell back: the calendar's booking.
 * Dragging the pointer over several cells of a lane hands back the whole stretch (a booked cell
 * between is the API's to refuse); the keyboard and a click book one cell.
 */
export function TimeGrid({
  lanes,
  hours,
  caption,
  columnWidth = 220,
  onSlot,
  slotStep = 30,
}: {
  lanes: readonly TimeGridLane[];
  hours: Hours;
  caption: string;
  columnWidth?: number;
  onSlot?: (lane: TimeGridLane, cell: SlotCell) => void;
  slotStep?: number;
}) {
  // A drag over free cells of one lane picks a longer stretch (a click picks one cell).
  const [drag, setDrag] = useState<{ lane: string; from: SlotCell; to: SlotCell } | null>(null);
  const dragged = useRef(false);
  useEffect(() => {
    if (drag === null) return;
    const end = () => {
      const lane = lanes.find((l) => l.id === drag.lane);
      if (lane !== undefined && onSlot !== undefined && drag.from !== drag.to) {
        dragged.current = true;
        onSlot(lane, spanOf(drag.from, drag.to));
      }
      setDrag(null);
    };
    window.addEventListener('pointerup', end);
    return () => window.removeEventListener('pointerup', end);
  }, [drag, lanes, onSlot]);
  const picked = (laneId: string, cell: SlotCell) => {
    if (drag === null || drag.lane !== laneId) return false;
    const span = spanOf(drag.from, drag.to);
    return span.start <= cell.start && cell.end <= span.end;
  };
  const rows = Array.from({ length: hours.end - hours.first }, (_, i) => hours.first + i);
  const height = rows.length * HOUR_PX;
  const lines = `repeating-linear-gradient(to bottom, var(--mantine-color-gray-3) 0 1px, transparent 1px ${HOUR_PX}px)`;
  const y = (minute: number) => ((minute - hours.first * 60) / 60) * HOUR_PX;
  return (
    <section aria-label={caption}>
      <Text size="sm" c="dimmed" mb="xs">
        {caption}
      </Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Box
          style={{
            display: 'grid',
            gridTemplateColumns: `${HOUR_COLUMN}px repeat(${lanes.length}, minmax(${columnWidth}px, 1fr))`,
            minWidth: HOUR_COLUMN + lanes.length * columnWidth,
          }}
        >
          <div aria-hidden="true">
            <Box h={HEADER} />
            {rows.map((hour) => (
              <Text key={hour} size="xs" c="dimmed" h={HOUR_PX} pr={6} ta="right">
                {hourLabel(hour)}
              </Text>
            ))}
          </div>
          {lanes.map((lane) => (
            <section key={lane.id} aria-label={lane.name} data-testid="grid-lane">
              <Text fw={600} size="sm" h={HEADER} px="xs" pt={8} truncate>
                {lane.heading ?? lane.name}
              </Text>
              <Box
                pos="relative"
                h={height}
                style={{
                  backgroundImage: lines,
                  borderLeft: '1px solid var(--mantine-color-gray-3)',
                }}
              >
                {lane.open !== undefined &&
                  closedRanges(lane.open, hours).map((r) => (
                    <div
                      key={r.from}
                      className="contour-closed"
                      style={{ top: y(r.from), height: y(r.to) - y(r.from) }}
                    />
                  ))}
                {onSlot !== undefined &&
                  (lane.slots ?? []).map(({ cell, free }) => (
                    <button
                      key={cell.start.toISOString()}
                      type="button"
                      className="contour-slot"
                      data-free={free ? '' : undefined}
                      data-picked={picked(lane.id, cell) ? '' : undefined}
                      data-testid="slot-cell"
                      style={{ top: y(cell.minute), height: (slotStep / 60) * HOUR_PX - 2 }}
                      aria-label={`Book ${lane.name} at ${formatTime(cell.start.toISOString())}${free ? ' (free slot)' : ''}`}
                      onPointerDown={(event) => {
                        if (event.button === 0) setDrag({ lane: lane.id, from: cell, to: cell });
                      }}
                      onPointerEnter={() => {
                        if (drag?.lane === lane.id) setDrag({ ...drag, to: cell });
                      }}
                      onClick={() => {
                        // The click that ends a drag has already booked the stretch.
                        if (dragged.current) dragged.current = false;
                        else onSlot(lane, cell);
                      }}
                    >
                      + {formatTime(cell.start.toISOString())}
                    </button>
                  ))}
                {lane.blocks.map((block) => {
                  const box = timeBox(block.spans, hours.first, lane.dayStart, lane.dayEnd);
                  return (
                    <Box
                      key={block.key}
                      pos="absolute"
                      left={4}
                      right={4}
                      top={box.top}
                      h={box.height}
                      data-testid={block.testId}
                      style={{
                        display: 'flex',
                        flexDirection: 'column',
                        gap: 2,
                        padding: '1px 0',
                        zIndex: 2,
                      }}
                    >
                      {block.content}
                    </Box>
                  );
                })}
              </Box>
            </section>
          ))}
        </Box>
      </ScrollArea>
    </section>
  );
}

/** The stretch from one cell to another of the same lane, whichever comes first. */
export function spanOf(a: SlotCell, b: SlotCell): SlotCell {
  const [first, last] = a.start <= b.start ? [a, b] : [b, a];
  return { start: first.start, end: last.end, minute: first.minute };
}

/** The parts of the shown hours outside every open range. */
export function closedRanges(open: readonly MinuteRange[], hours: Hours): MinuteRange[] {
  const sorted = [...open].sort((a, b) => a.from - b.from);
  const closed: MinuteRange[] = [];
  let at = hours.first * 60;
  for (const r of sorted) {
    if (r.from > at) closed.push({ from: at, to: Math.min(r.from, hours.end * 60) });
    at = Math.max(at, r.to);
  }
  if (at < hours.end * 60) closed.push({ from: at, to: hours.end * 60 });
  return closed.filter((r) => r.to > r.from);
}
