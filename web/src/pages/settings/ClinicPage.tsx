import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

/** The clinic itself. */
export function ClinicPage() {
  const clinic = useQuery({
    queryKey: ['clinic'],
    queryFn: () => unwrap(api.GET('/api/v1/clinic')),
  });
  return (
    <>
      <PageHeader title="Clinic" />
      <QueryState query={clinic}>{(c) => <Text>{c.name}</Text>}</QueryState>
    </>
  );
}
