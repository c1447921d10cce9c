import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SETUP_ITEMS } from './lib';
import { StateBadge } from './StateBadge';
import { useClinicSetup } from './queries';

/**
 * What a new clinic still needs before its first surgery (`GET /clinic/setup`), each line with a
 * link to where it is done. An administrator lands here from "/" while anything is missing.
 */
export function SetupChecklistPage() {
  const setup = useClinicSetup();
  return (
    <>
      <PageHeader title="Set-up checklist" />
      <QueryState query={setup}>
        {(data) => (
          <Stack gap="sm" maw={880}>
            <Text>
              {data.complete
                ? 'Your clinic is set up: every item below is done. The checklist stays here for reference.'
                : `${data.items.filter((i) => !i.done).length} of ${data.items.length} still to do before the first surgery can be quoted, consented, booked and implanted.`}
            </Text>
            <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((item) => {
                const meta = SETUP_ITEMS[item.code];
                return (
                  <Card
                    key={item.code}
                    component="li"
                    withBorder
                    padding="sm"
                    data-testid={`setup-${item.code}`}
                    data-done={item.done}
                  >
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Stack gap={2}>
                        <Group gap="xs">
                          <StateBadge on={item.done} label={item.done ? 'Done' : 'To do'} />
                          <Title order={2} size="h4">
                            {meta.label}
                          </Title>
                        </Group>
                        <Text size="sm">{meta.why}</Text>
                      </Stack>
                      <Button
                        component={Link}
                        to={meta.to}
                        variant={item.done ? 'default' : 'filled'}
                        size="xs"
                        style={{ flexShrink: 0 }}
                      >
                        {meta.action}
                      </Button>
                    </Group>
                  </Card>
                );
              })}
            </Stack>
            <Text size="sm" mt="md">
              Also part of setting up: the{' '}
              <Anchor component={Link} to="/inventory">
                Catalog
              </Anchor>{' '}
              (open an item to edit it) and{' '}
              <Anchor component={Link} to="/inventory/holds">
                Stock holds
              </Anchor>{' '}
              (what plans have reserved).
            </Text>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
