import { Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useClinic } from '../api/queries';
import { PageLoader } from '../components/PageLoader';
import { clinicTimeZone, setClinicTimeZone, timeZoneLabel } from '../lib/clinicTime';

/**
 * Renders the pages once the clinic's time zone is known, with every time in it
 * (lib/clinicTime.ts). A new zone (the admin changed it) renders the pages again from scratch,
 * so nothing keeps showing times of the old one. If the clinic cannot be read, the pages still
 * work, in the browser's zone, and the header says so.
 */
export function ClinicTimeZoneGate({ children }: { children: ReactNode }) {
  const clinic = useClinic();
  if (clinic.isPending) return <PageLoader />;
  // Before the pages below render, so their first render already formats in the clinic's zone.
  if (clinic.data !== undefined) setClinicTimeZone(clinic.data.timeZone);
  return <Fragment key={clinicTimeZone()}>{children}</Fragment>;
}

/** "Times in Eastern Time (America/New_York)", in the frame's header. */
export function ClinicTimeZoneLabel() {
  const clinic = useClinic();
  if (clinic.isPending) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="clinic-time-zone" visibleFrom="sm">
      Times in {timeZoneLabel(clinic.data?.timeZone ?? clinicTimeZone())}
      {clinic.data === undefined ? ' (this browser’s; the clinic’s could not be loaded)' : ''}
    </Text>
  );
}
