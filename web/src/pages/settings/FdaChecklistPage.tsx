import {
  ActionIcon,
  Button,
  Card,
  Group,
  Modal,
  ScrollArea,
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
import type { components } from '../../api/schema';
import { useInvalidate } from '../../api/queries';
import { applyFieldErrors, notifyError, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { useFdaChecklistTemplates } from './queries';
import { StateBadge } from './StateBadge';

type FdaTemplate = components['schemas']['FdaChecklistTemplateDto_Output'];
type Section = FdaTemplate['sections'][number];

interface VersionValues {
  title: string;
  sections: Section[];
  surgeonAttestation: string;
}

const SECTION_KEY = /^[a-z][a-z0-9-]*$/;

/** A new version, pre-filled with the newest text; `POST /fda-checklist-templates`. */
function VersionModal({ from, onClose }: { from: FdaTemplate | undefined; onClose: () => void }) {
  const invalidate = useInvalidate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<VersionValues>({
    initialValues: {
      title: from?.title ?? '',
      sections: from?.sections.map((s) => ({ ...s })) ?? [{ key: '', heading: '', body: '' }],
      surgeonAttestation: from?.surgeonAttestation ?? '',
    },
    validate: {
      title: (v) => (v.trim() === '' ? 'Enter the title the patient reads' : null),
      surgeonAttestation: (v) => (v.trim() === '' ? "Enter the surgeon's attestation" : null),
      sections: {
        key: (v, values) =>
          !SECTION_KEY.test(v.trim())
            ? 'Lower-case letters, digits and dashes, e.g. bia-alcl'
            : values.sections.filter((s) => s.key.trim() === v.trim()).length > 1
              ? 'Used twice'
              : null,
        heading: (v) => (v.trim() === '' ? 'Enter a heading' : null),
        body: (v) => (v.trim() === '' ? 'Enter the text the patient initials' : null),
      },
    },
  });
  const publish = useMutation({
    mutationFn: (v: VersionValues) =>
      unwrap(
        api.POST('/api/v1/fda-checklist-templates', {
          body: {
            title: v.title.trim(),
            surgeonAttestation: v.surgeonAttestation.trim(),
            sections: v.sections.map((s) => ({
              key: s.key.trim(),
              heading: s.heading.trim(),
              body: s.body.trim(),
            })),
          },
        }),
      ),
    onSuccess: async (created) => {
      await invalidate(['fda-checklist-templates']);
      notifySuccess(`FDA checklist version ${created.version} published`);
      onClose();
    },
    onError: (error) => setShown(applyFieldErrors(form, error)),
  });
  const sections = form.getValues().sections;
  return (
    <Modal opened onClose={onClose} size="xl" title="New version of the FDA checklist">
      <form onSubmit={form.onSubmit((v) => publish.mutate(v))} noValidate>
        <Stack>
          <ProblemAlert error={publish.error} title="Not published" shownFields={shown} />
          <Text size="sm">
            Plans whose checklist is made from now on get this version. A checklist a patient has
            already started or signed keeps its own text.
          </Text>
          <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
          {sections.map((section, i) => (
            <Card key={i} withBorder padding="sm">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-end">
                  <TextInput
                    label={`Section ${i + 1}: key`}
                    required
                    style={{ flex: 1 }}
                    {...form.getInputProps(`sections.${i}.key`)}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    disabled={sections.length === 1}
                    aria-label={`Remove section ${i + 1}`}
                    onClick={() => form.removeListItem('sections', i)}
                  >
                    ×
                  </ActionIcon>
                </Group>
                <TextInput
                  label="Heading"
                  required
                  {...form.getInputProps(`sections.${i}.heading`)}
                />
                <Textarea
                  label="Text the patient initials"
                  required
                  autosize
                  minRows={2}
                  maxRows={8}
                  {...form.getInputProps(`sections.${i}.body`)}
                />
              </Stack>
            </Card>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() => form.insertListItem('sections', { key: '', heading: '', body: '' })}
            >
              Add a section
            </Button>
          </Group>
          <Textarea
            label="Surgeon's attestation"
            required
            autosize
            minRows={2}
            {...form.getInputProps('surgeonAttestation')}
          />
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

function TextModal({ template, onClose }: { template: FdaTemplate; onClose: () => void }) {
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`${template.title} (version ${template.version})`}
    >
      <ScrollArea.Autosize mah="65vh">
        <Stack>
          {template.sections.map((s) => (
            <div key={s.key}>
              <Title order={3} size="h5">
                {s.heading}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{s.body}</Text>
            </div>
          ))}
          <div>
            <Title order={3} size="h5">
              Surgeon&apos;s attestation
            </Title>
            <Text>{template.surgeonAttestation}</Text>
          </div>
        </Stack>
      </ScrollArea.Autosize>
    </Modal>
  );
}

/**
 * The FDA breast implant Patient Decision Checklist (docs/fda-checklist.md): the clinic's
 * versions, a new version from the current text, retiring one.
 */
export function FdaChecklistPage() {
  const templates = useFdaChecklistTemplates();
  const invalidate = useInvalidate();
  const [writing, setWriting] = useState(false);
  const [reading, setReading] = useState<FdaTemplate | null>(null);
  const setActive = useMutation({
    mutationFn: (t: FdaTemplate) =>
      unwrap(
        api.PATCH('/api/v1/fda-checklist-templates/{id}', {
          params: { path: { id: t.id } },
          body: { active: !t.active },
        }),
      ),
    onSuccess: (t) => notifySuccess(`Version ${t.version} ${t.active ? 'reactivated' : 'retired'}`),
    onError: notifyError,
    onSettled: () => invalidate(['fda-checklist-templates']),
  });
  const rows = templates.data ?? [];
  const current = rows.find((t) => t.active);
  return (
    <>
      <PageHeader title="FDA breast implant checklist">
        <Button onClick={() => setWriting(true)}>New version</Button>
      </PageHeader>
      <Text mb="md" maw={880}>
        Every breast implant plan gets the FDA Patient Decision Checklist of the newest active
        version: the patient initials each section and signs, then the surgeon signs the
        attestation. The surgery cannot be scheduled before both. A version&apos;s text is never
        edited: a change is a new version.
      </Text>
      <QueryState query={templates}>
        {(list) => (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Sections</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Published</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((t) => (
                  <Table.Tr key={t.id} data-testid={`fda-checklist-v${t.version}`}>
                    <Table.Td>{t.version}</Table.Td>
                    <Table.Td>{t.title}</Table.Td>
                    <Table.Td>{t.sections.length}</Table.Td>
                    <Table.Td>
                      <StateBadge on={t.active} label={t.active ? 'Active' : 'Retired'} />
                    </Table.Td>
                    <Table.Td>{formatDate(t.createdAt.slice(0, 10))}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setReading(t)}
                          aria-label={`Read version ${t.version}`}
                        >
                          Read
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          loading={setActive.isPending && setActive.variables.id === t.id}
                          onClick={() => setActive.mutate(t)}
                          aria-label={`${t.active ? 'Retire' : 'Reactivate'} version ${t.version}`}
                        >
                          {t.active ? 'Retire' : 'Reactivate'}
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
      {writing && <VersionModal from={current ?? rows[0]} onClose={() => setWriting(false)} />}
      {reading !== null && <TextModal template={reading} onClose={() => setReading(null)} />}
    </>
  );
}
