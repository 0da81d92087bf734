import { Link } from 'react-router';
import type { WorkflowSummary } from '@leadflow/server/contract';

/** Workflows named by slug (what usedBy and 409 answers carry), as links to their editor, by name. */
export function WorkflowLinks({
  slugs,
  workflows,
  label,
}: {
  slugs: readonly string[];
  workflows: readonly WorkflowSummary[];
  label: string;
}) {
  const nameOf = (slug: string) => workflows.find((workflow) => workflow.slug === slug)?.name ?? slug;
  return (
    <ul className="workflow-links" aria-label={label}>
      {slugs.map((slug) => (
        <li key={slug}>
          <Link to={`/workflows/${slug}`}>{nameOf(slug)}</Link>
        </li>
      ))}
    </ul>
  );
}
