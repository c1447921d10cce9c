import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { surgeonsQuery } from './queries';

/** A Select of the clinic's active surgeons (GET /users?role=SURGEON). */
export function SurgeonSelect(props: Omit<SelectProps, 'data'>) {
  const surgeons = useQuery(surgeonsQuery());
  return (
    <Select
      searchable
      {...props}
      data={(surgeons.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      disabled={props.disabled === true || surgeons.isPending}
      error={props.error ?? (surgeons.isError ? 'Could not load the surgeons' : undefined)}
    />
  );
}
