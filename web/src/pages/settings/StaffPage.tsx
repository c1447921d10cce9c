import {
  Button,
  Fieldset,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate, useStaff, type StaffUser } from '../../api/queries';
import type { Role } from '../../auth/session';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { activeFirstByName, changedFields } from './lib';
import { StateBadge } from './StateBadge';
import { settingsKeys } from './queries';
import { SettingsFormModal, useSettingsSave } from './SettingsFormModal';

export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = [
  { value: 'ADMIN', label: 'Administrator' },
  { value: 'SURGEON', label: 'Surgeon' },
  { value: 'NURSE', label: 'Nurse' },
  { value: 'COORDINATOR', label: 'Coordinator' },
  { value: 'BILLING', label: 'Billing' },
];
const roleLabel = (role: Role) => ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const passwordError = (v: string) =>
  v.length < 12 ? 'At least 12 characters' : v.length > 200 ? 'At most 200 characters' : null;

interface UserValues {
  email: string;
  name: string;
  role: Role | null;
  password: string;
  active: boolean;
  /** A surgeon's, the rendering provider of her claims: blank for none. */
  npi: string;
  taxonomyCode: string;
}

const NPI = /^\d{10}$/;
const TAXONOMY_CODE = /^\d{3}[0-9A-Z]{6}X$/;
/** Blank clears the field (null), else the trimmed value as the API keeps it. */
const orNull = (v: string) => (v.trim() === '' ? null : v.trim().toUpperCase());

/** Create (no `user`) or edit a staff account: name, email, role, active. */
export function UserModal({
  user,
  onlyActiveAdmin,
  onClose,
}: {
  user: StaffUser | null | undefined;
  onlyActiveAdmin: boolean;
  onClose: () => void;
}) {
  const creating = user === null;
  const form = useForm<UserValues>({
    initialValues: {
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: user?.role ?? null,
      password: '',
      active: user?.active ?? true,
      npi: user?.npi ?? '',
      taxonomyCode: user?.taxonomyCode ?? '',
    },
    validate: {
      email: (v) =>
        EMAIL.test(v.trim()) ? null : 'Enter an email address, e.g. jane@clinic.example',
      name: (v) => (v.trim() === '' ? 'Enter the name' : null),
      role: (v) => (v === null ? 'Choose a role' : null),
      password: (v) => (creating ? passwordError(v) : null),
      npi: (v) => (v.trim() === '' || NPI.test(v.trim()) ? null : 'An NPI is 10 digits'),
      taxonomyCode: (v) =>
        v.trim() === '' || TAXONOMY_CODE.test(v.trim().toUpperCase())
          ? null
          : 'A taxonomy code: 10 characters ending in X, e.g. 208200000X',
    },
  });
  const save = useSettingsSave({
    form,
    save: (v: UserValues) => {
      const role = v.role ?? 'NURSE';
      const npi = orNull(v.npi);
      const taxonomyCode = orNull(v.taxonomyCode);
      if (user === null || user === undefined)
        return unwrap(
          api.POST('/api/v1/users', {
            body: {
              email: v.email.trim(),
              name: v.name.trim(),
              role,
              password: v.password,
              ...(npi === null ? {} : { npi }),
              ...(taxonomyCode === null ? {} : { taxonomyCode }),
            },
          }),
        );
      const body = changedFields(user, {
        email: v.email.trim().toLowerCase(),
        name: v.name.trim(),
        role,
        active: v.active,
        npi,
        taxonomyCode,
      });
      if (Object.keys(body).length === 0) return Promise.resolve(user);
      return unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id }, header: ifMatch(user.version) },
          body,
        }),
      );
    },
    invalidates: [['users'], settingsKeys.setup],
    savedMessage: (saved) => (creating ? `${saved.name} can now sign in` : `${saved.name} saved`),
    onClose,
  });
  return (
    <SettingsFormModal
      opened={user !== undefined}
      title={creating ? 'Add staff' : `Edit ${user?.name ?? ''}`}
      {...save}
      errorTitle={creating ? 'Could not add this person' : 'Not saved'}
      saveLabel={creating ? 'Add' : 'Save'}
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
      <TextInput label="Email" required type="email" {...form.getInputProps('email')} />
      <Select
        label="Role"
        required
        data={ROLE_OPTIONS.map((r) => ({ ...r }))}
        {...form.getInputProps('role')}
      />
      {(form.getValues().role === 'SURGEON' || form.getValues().npi !== '') && (
        <Fieldset legend="Insurance claims">
          <Text size="sm" c="dimmed" mb="xs">
            The rendering provider on her claims. Leave both blank if she bills none.
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label="NPI" placeholder="10 digits" {...form.getInputProps('npi')} />
            <TextInput
              label="Taxonomy code"
              placeholder="208200000X (plastic surgery)"
              {...form.getInputProps('taxonomyCode')}
            />
          </SimpleGrid>
        </Fieldset>
      )}
      {creating ? (
        <PasswordInput
          label="Initial password"
          description="At least 12 characters. Give it to them in person; they change it from the menu under their name."
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
      ) : (
        <Switch
          label="Active (may sign in)"
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
      )}
      {onlyActiveAdmin && (
        <Text size="sm">
          This is the clinic&apos;s only active administrator: make another person an administrator
          before changing this one&apos;s role or deactivating them.
        </Text>
      )}
    </SettingsFormModal>
  );
}

/** A new password set by the administrator (a forgotten one): every session of the user ends. */
function ResetPasswordModal({ user, onClose }: { user: StaffUser | null; onClose: () => void }) {
  const invalidate = useInvalidate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: passwordError,
      confirm: (v, values) => (v === values.password ? null : 'The two passwords differ'),
    },
  });
  const reset = useMutation({
    mutationFn: (password: string) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user?.id ?? '' }, header: ifMatch(user?.version ?? 0) },
          body: { password },
        }),
      ),
    onSuccess: async (saved) => {
      await invalidate(['users']);
      notifySuccess(`New password set for ${saved.name}; their other sessions ended`);
      onClose();
    },
    onError: (error) => setShown(applyFieldErrors(form, error)),
  });
  return (
    <SettingsFormModal
      opened={user !== null}
      title={`Reset password: ${user?.name ?? ''}`}
      onClose={onClose}
      onSubmit={form.onSubmit((v) => reset.mutate(v.password))}
      error={reset.error}
      errorTitle="Password not reset"
      shownFields={shown}
      saving={reset.isPending}
      saveLabel="Reset password"
    >
      <Text size="sm">
        They are signed out everywhere and sign in with this password, then change it from the menu
        under their name.
      </Text>
      <PasswordInput
        label="New password"
        required
        autoComplete="new-password"
        data-autofocus
        {...form.getInputProps('password')}
      />
      <PasswordInput
        label="Confirm new password"
        required
        autoComplete="new-password"
        {...form.getInputProps('confirm')}
      />
    </SettingsFormModal>
  );
}

/** Staff accounts: add, edit (role, active), reset a password. */
export function StaffPage() {
  const staff = useStaff();
  // undefined: closed; null: a new account.
  const [editing, setEditing] = useState<StaffUser | null | undefined>(undefined);
  const [resetting, setResetting] = useState<StaffUser | null>(null);
  const activeAdmins = (staff.data ?? []).filter((u) => u.role === 'ADMIN' && u.active);
  const onlyActiveAdmin = (u: StaffUser | null | undefined) =>
    u !== null && u !== undefined && activeAdmins.length === 1 && activeAdmins[0]?.id === u.id;
  return (
    <>
      <PageHeader title="Staff">
        <Button onClick={() => setEditing(null)}>Add staff</Button>
      </PageHeader>
      <QueryState query={staff}>
        {(users) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {activeFirstByName(users).map((u) => (
                  <Table.Tr key={u.id} data-testid={`user-${u.email}`}>
                    <Table.Td>{u.name}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{roleLabel(u.role)}</Table.Td>
                    <Table.Td>
                      <StateBadge on={u.active} label={u.active ? 'Active' : 'Deactivated'} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(u)}
                          aria-label={`Edit ${u.name}`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setResetting(u)}
                          aria-label={`Reset password: ${u.name}`}
                        >
                          Reset password
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {editing !== undefined && (
        <UserModal
          key={editing?.id ?? 'new'}
          user={editing}
          onlyActiveAdmin={onlyActiveAdmin(editing)}
          onClose={() => setEditing(undefined)}
        />
      )}
      {resetting !== null && (
        <ResetPasswordModal
          key={resetting.id}
          user={resetting}
          onClose={() => setResetting(null)}
        />
      )}
    </>
  );
}
