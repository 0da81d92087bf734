import { useEditor } from './editor-store';

/**
 * Every problem the server found, in its own words (node labels, field titles); a problem on a
 * node is a button that selects the node and shows its form.
 */
export function ProblemsList(props: { onSelect(nodeId: string): void }) {
  const problems = useEditor((state) => state.problems);
  const saveState = useEditor((state) => state.saveState);
  if (problems.length === 0) {
    return (
      <p className="muted">
        {saveState === 'saved' ? 'No problems: this draft can be published.' : 'Checking the draft…'}
      </p>
    );
  }
  return (
    <section aria-labelledby="problems-title">
      <h2 id="problems-title">
        {problems.length} problem{problems.length > 1 ? 's' : ''} to fix before publishing
      </h2>
      <ul className="problems" aria-label="Problems">
        {problems.map((problem, index) => (
          <li key={`${problem.nodeId ?? problem.edgeId ?? ''}-${problem.path}-${index}`}>
            {problem.nodeId ? (
              <button
                type="button"
                className="problem-link"
                onClick={() => props.onSelect(problem.nodeId as string)}
                title="Show this node"
              >
                {problem.message}
              </button>
            ) : (
              <span>{problem.message}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
