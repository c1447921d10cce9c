import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useCase } from '../api/queries';
import type { components } from '../api/schema';

type SurgicalCase = components['schemas']['SurgicalCaseDto_Output'];

const caseNumber = (c: SurgicalCase) => c.caseNumber;

/**
 * A surgical case as a link to its page, by id: "Open case" until the case is read (or if it
 * cannot be), then its number (or what `label` makes of it).
 */
export function CaseLink({
  id,
  label = caseNumber,
  inherit = false,
}: {
  id: string;
  label?: (surgicalCase: SurgicalCase) => string;
  /** Font size and weight of the text around it (a table cell, a fact). */
  inherit?: boolean;
}) {
  const query = useCase(id);
  return (
    <Anchor component={Link} to={`/cases/${id}`} inherit={inherit}>
      {query.data === undefined ? 'Open case' : label(query.data)}
    </Anchor>
  );
}
