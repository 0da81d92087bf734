import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { LeadflowNode } from './flow-model';

/**
 * One node on the canvas: type icon, title, a one-line summary of its config and its output
 * ports by name. Memoised: dragging one node must not re-render the other 299.
 */
function LeadflowNodeCardView({ data, selected }: NodeProps<LeadflowNode>) {
  const { graphNode, nodeType, ports, summary, problems, mark, visits } = data;
  const title = graphNode.label || nodeType?.title || graphNode.type;
  const classes = ['lf-node', selected ? 'selected' : '', problems.length ? 'has-problems' : '', mark ? `mark-${mark}` : '', nodeType ? `category-${nodeType.category}` : 'unknown'].filter(Boolean).join(' ');
  return (
    <div className={classes} data-node-id={graphNode.id} data-testid={`node-${graphNode.id}`} title={problems.join('\n') || undefined}>
      {!nodeType?.entry && <Handle type="target" position={Position.Left} className="lf-target" />}
      <div className="lf-node-head">
        <span className="lf-icon" aria-hidden="true">
          {nodeType?.icon ?? '?'}
        </span>
        <span className="lf-title">{title}</span>
        {visits !== undefined && visits > 1 && <span className="lf-visits" title={`entered ${visits} times`}>×{visits}</span>}
        {problems.length > 0 && (
          <span className="lf-problem-count" aria-label={`${problems.length} problem${problems.length > 1 ? 's' : ''}`}>
            {problems.length}
          </span>
        )}
      </div>
      <div className="lf-summary">{summary ?? (nodeType ? `${graphNode.type} v${graphNode.typeVersion}` : `unknown node type ${graphNode.type}@${graphNode.typeVersion}`)}</div>
      <div className="lf-ports">
        {ports.map((port) => (
          <div className="lf-port" key={port.name} title={port.description}>
            <span>{port.label ?? port.name}</span>
            <Handle type="source" position={Position.Right} id={port.name} className="lf-source" />
          </div>
        ))}
      </div>
    </div>
  );
}

export const LeadflowNodeCard = memo(LeadflowNodeCardView);

export const nodeTypes = { leadflow: LeadflowNodeCard };
