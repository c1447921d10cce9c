import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { applyFieldErrors, notifyError, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import {
  cptListError,
  GENERAL_CONSENT_CODE,
  parseCptList,
  templateFamilies,
  type ConsentTemplate,
  type TemplateFamily,
} from './lib';
import { StateBadge } from './StateBadge';
import { settingsKeys, useConsentTemplates } from './queries';

/** What publishing a version does, and does not do: said wherever one is written. */
export const NEW_VERSION_NEVER_CHANGES_SIGNED =
  'A new version is used for consents created from now on (a new plan, or a draft plan whose codes change). A consent already signed keeps the exact text the patient signed: a new version never changes it.';

interface TemplateValues {
  code: string;
  version: number | string;
  title: string;
  body: string;
  cptCodes: string;
  retirePrevious: boolean;
}

const TEMPLATE_CODE = /^[A-Z][A-Z0-9_]*$/;

export function templateValidation() {
  return {
    code: (v: string) =>
      v.trim().length >= 2 && TEMPLATE_CODE.test(v.trim())
        ? null
        : 'Capital letters, digits and underscores, e.g. BREAST_AUG_CONSENT',
    version: (v: number | string) =>
      typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : 'A whole number, 1 or more',
    title: (v: string) => (v.trim() === '' ? 'Enter the title the patient reads' : null),
    body: (v: string) => (v.trim() === '' ? 'Enter the consent text' : null),
    cptCodes: (v: string, values: TemplateValues) => cptListError(values.code.trim(), v),
  };
}

/**
 * A new template (no `family`) or a new version of one, pre-filled with its newest text.
 * `POST /consent-templates`; the previous active version is retired when asked.
 */
function TemplateModal({
  family,
  onClose,
}: {
  family: TemplateFamily | null;
  onClose: () => void;
}) {
  const invalidate = useInvalidate();
  const [shown, setShown] = useState<string[]>([]);
  const newest = family?.versions[0];
  const form = useForm<TemplateValues>({
    initialValues: {
      code: family?.code ?? '',
      version: family?.nextVersion ?? 1,
      title: newest?.title ?? '',
      body: newest?.body ?? '',
      cptCodes: newest?.cptCodes.join(', ') ?? '',
      retirePrevious: true,
    },
    validate: templateValidation(),
  });
  const isGeneral = form.getValues().code.trim() === GENERAL_CONSENT_CODE;
  const publish = useMutation({
    mutationFn: async (v: TemplateValues) => {
      const created = await unwrap(
        api.POST('/api/v1/consent-templates', {
          body: {
            code: v.code.trim(),
            version: Number(v.version),
            title: v.title.trim(),
            body: v.body.trim(),
            cptCodes: parseCptList(v.cptCodes),
          },
        }),
      );
      const previous = family?.current;
      if (v.retirePrevious && previous !== undefined)
        await unwrap(
          api.PATCH('/api/v1/consent-templates/{id}', {
            params: { path: { id: previous.id } },
            body: { active: false },
          }),
        );
      return created;
    },
    onSuccess: async (created) => {
      await invalidate(['consent-templates'], settingsKeys.setup);
      notifySuccess(`${created.code} version ${created.version} published`);
      onClose();
    },
    onError: async (error) => {
      setShown(applyFieldErrors(form, error));
      // The new version may exist even when retiring the old one failed.
      await invalidate(['consent-templates'], settingsKeys.setup);
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={family === null ? 'New consent template' : `New version of ${family.code}`}
    >
      <form onSubmit={form.onSubmit((v) => publish.mutate(v))} noValidate>
        <Stack>
          <ProblemAlert error={publish.error} title="Not published" shownFields={shown} />
          <Alert color="blue" title="Signed consents never change">
            {NEW_VERSION_NEVER_CHANGES_SIGNED}
          </Alert>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Code"
              required
              disabled={family !== null}
              placeholder="e.g. BREAST_AUG_CONSENT"
              {...form.getInputProps('code')}
            />
            <NumberInput
              label="Version"
              required
              min={1}
              allowDecimal={false}
              {...form.getInputProps('version')}
            />
          </SimpleGrid>
          <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
          <Textarea
            label="Text the patient reads and signs"
            required
            autosize
            minRows={8}
            maxRows={20}
            {...form.getInputProps('body')}
          />
          {isGeneral ? (
            <Text size="sm">
              The general surgical consent covers every plan no procedure&apos;s consent covers: it
              lists no CPT codes.
            </Text>
          ) : (
            <TextInput
              label="CPT codes"
              required
              description="The base codes of the procedures this consent is for, separated by commas, e.g. 19325, 19340"
              {...form.getInputProps('cptCodes')}
            />
          )}
          {family?.current !== undefined && (
            <Checkbox
              label={`Deactivate version ${family.current.version} once this one is published`}
              {...form.getInputProps('retirePrevious', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={publish.isPending}>
              Publish version
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TextModal({ template, onClose }: { template: ConsentTemplate; onClose: () => void }) {
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`${template.title} (${template.code}, version ${template.version})`}
    >
      <ScrollArea.Autosize mah="60vh">
        <Text style={{ whiteSpace: 'pre-wrap' }}>{template.body}</Text>
      </ScrollArea.Autosize>
    </Modal>
  );
}

function FamilyCard({
  family,
  onNewVersion,
  onView,
}: {
  family: TemplateFamily;
  onNewVersion: () => void;
  onView: (t: ConsentTemplate) => void;
}) {
  const invalidate = useInvalidate();
  const setActive = useMutation({
    mutationFn: (t: ConsentTemplate) =>
      unwrap(
        api.PATCH('/api/v1/consent-templates/{id}', {
          params: { path: { id: t.id } },
          body: { active: !t.active },
        }),
      ),
    onSuccess: (t) =>
      notifySuccess(`${t.code} version ${t.version} ${t.active ? 'reactivated' : 'deactivated'}`),
    onError: notifyError,
    onSettled: () => invalidate(['consent-templates'], settingsKeys.setup),
  });
  const general = family.code === GENERAL_CONSENT_CODE;
  return (
    <Card withBorder padding="md" data-testid={`template-${family.code}`}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Stack gap={0}>
          <Title order={2} size="h4">
            {family.current?.title ?? family.versions[0]?.title}{' '}
            <Text span c="dimmed">
              ({family.code})
            </Text>
          </Title>
          <Text size="sm">
            {general
              ? 'Used for every plan no procedure’s consent covers.'
              : `For CPT ${family.current?.cptCodes.join(', ') ?? family.versions[0]?.cptCodes.join(', ')}.`}{' '}
            {family.current === undefined
              ? 'No version is active: new plans get no consent from it.'
              : `New plans get version ${family.current.version}.`}
          </Text>
        </Stack>
        <Button size="xs" onClick={onNewVersion} aria-label={`New version of ${family.code}`}>
          New version
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>CPT codes</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Published</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {family.versions.map((t) => (
              <Table.Tr key={t.id} data-testid={`template-${t.code}-v${t.version}`}>
                <Table.Td>{t.version}</Table.Td>
                <Table.Td>{t.title}</Table.Td>
                <Table.Td>{t.cptCodes.length === 0 ? 'All plans' : t.cptCodes.join(', ')}</Table.Td>
                <Table.Td>
                  <StateBadge on={t.active} label={t.active ? 'Active' : 'Inactive'} />
                </Table.Td>
                <Table.Td>{formatDate(t.createdAt.slice(0, 10))}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onView(t)}
                      aria-label={`Read ${t.code} version ${t.version}`}
                    >
                      Read
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      loading={setActive.isPending && setActive.variables.id === t.id}
                      onClick={() => setActive.mutate(t)}
                      aria-label={`${t.active ? 'Deactivate' : 'Reactivate'} ${t.code} version ${t.version}`}
                    >
                      {t.active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** Consent templates by code, each with its versions; the general surgical consent first. */
export function ConsentTemplatesPage() {
  const templates = useConsentTemplates();
  // undefined: closed; null: a new template code.
  const [writing, setWriting] = useState<TemplateFamily | null | undefined>(undefined);
  const [reading, setReading] = useState<ConsentTemplate | null>(null);
  return (
    <>
      <PageHeader title="Consent templates">
        <Button onClick={() => setWriting(null)}>New consent template</Button>
      </PageHeader>
      <Text mb="md" maw={880}>
        Every plan gets the consent of the newest active template for its CPT codes, or else the
        general surgical consent. A template&apos;s text is never edited: a change is a new version.{' '}
        {NEW_VERSION_NEVER_CHANGES_SIGNED}
      </Text>
      <QueryState query={templates}>
        {(rows) => (
          <Stack>
            {templateFamilies(rows).map((family) => (
              <FamilyCard
                key={family.code}
                family={family}
                onNewVersion={() => setWriting(family)}
                onView={setReading}
              />
            ))}
          </Stack>
        )}
      </QueryState>
      {writing !== undefined && (
        <TemplateModal
          key={writing?.code ?? 'new'}
          family={writing}
          onClose={() => setWriting(undefined)}
        />
      )}
      {reading !== null && <TextModal template={reading} onClose={() => setReading(null)} />}
    </>
  );
}
