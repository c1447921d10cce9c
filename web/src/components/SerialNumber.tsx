import { Text } from '@mantine/core';

/**
 * A serial (or lot) number as one unbreakable word in a monospace face: "SN-00123" never wraps
 * after "SN-", in a narrow table cell or at 1024 px. Lists put each on its own line or let the
 * line break between numbers, never inside one.
 */
export function SerialNumber({ children }: { children: string }) {
  return (
    <Text span inherit ff="monospace" className="serial-number" style={{ whiteSpace: 'nowrap' }}>
      {children}
    </Text>
  );
}

/** Several serial numbers, separated by commas: a line breaks only between two of them. */
export function SerialNumbers({ serials }: { serials: readonly string[] }) {
  if (serials.length === 0) return <>—</>;
  return (
    <>
      {serials.map((serial, i) => (
        <span key={serial}>
          <SerialNumber>{serial}</SerialNumber>
          {i < serials.length - 1 && ', '}
        </span>
      ))}
    </>
  );
}
