import { Badge } from '@mantine/core';

// A narrow table column would otherwise cut the word to "ACT…".
const NO_SHRINK = { minWidth: 'max-content' };

/**
 * Active / inactive (or done / to do) as a badge whose text keeps 4.5:1: the light green with the
 * text colour, as StatusBadge does (white on green.9 is 4.4:1), and an outline for the other state.
 */
export function StateBadge({ on, label }: { on: boolean; label: string }) {
  return on ? (
    <Badge
      color="green"
      variant="light"
      style={NO_SHRINK}
      vars={() => ({ root: { '--badge-color': 'var(--mantine-color-text)' } })}
    >
      {label}
    </Badge>
  ) : (
    <Badge color="gray.7" variant="outline" style={NO_SHRINK}>
      {label}
    </Badge>
  );
}
