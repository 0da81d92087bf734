import { useEditor } from './editor-store';

/** Every problem the server found, each one a button that selects the node it names. */
export function ProblemsList(props: { onSelect(nodeId: string): void }) {
  const problems = useEditor((state) => state.problems);
  const saveState = useEditor((state) => state.saveState);
  if (problems.length === 0) {
    return <p className="muted">{saveState === 'saved' ? 'No problems: this draft can be published.' : 'Checking the draft…'}</p>;
  }
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((problem, index) => (
        <li key={`${problem.nodeId ?? problem.edgeId ?? ''}-${problem.path}-${index}`}>
          {problem.nodeId ? (
            <button type="button" className="link" onClick={() => props.onSelect(problem.nodeId as string)}>
              {problem.nodeId}
            </button>
          ) : problem.edgeId ? (
            <code>edge {problem.edgeId}</code>
          ) : (
            <strong>graph</strong>
          )}
          {problem.path ? <code> {problem.path}</code> : null}: {problem.message}
        </li>
      ))}
    </ul>
  );
}
