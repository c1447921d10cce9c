import { Select, type SelectProps } from '@mantine/core';
import { useSurgeons } from '../../api/queries';

/** A Select of the clinic's active surgeons. */
export function SurgeonSelect(props: Omit<SelectProps, 'data'>) {
  const surgeons = useSurgeons();
  return (
    <Select
      searchable
      {...props}
      data={(surgeons.data ?? [])
        .filter((u) => u.active)
        .map((u) => ({ value: u.id, label: u.name }))}
      disabled={props.disabled === true || surgeons.isPending}
      error={props.error ?? (surgeons.isError ? 'Could not load the surgeons' : undefined)}
    />
  );
}
