import { Handle, type NodeProps, Position, useNodeConnections, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useContext, useEffect, useRef } from 'react';
import type { PortSpec } from '@leadflow/server/contract';
import type { LeadflowNode } from './flow-model';
import { AddFromPortContext, useDirection } from './layout-direction';
import { nodeWidth } from './node-size';

/**
 * One node on the canvas: type icon, title, a one-line summary of its config and its output
 * ports by name, below it (top-down) or on its right (left-to-right). Memoised: dragging one
 * node must not re-render the other 299. When its ports change (a case added, moved or
 * removed) React Flow is told to measure the handles again, so edges follow their ports.
 */
function LeadflowNodeCardView({ id, data, selected }: NodeProps<LeadflowNode>) {
  const { graphNode, nodeType, ports, summary, problems, mark, visits } = data;
  const direction = useDirection();
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = `${direction}\u0001${ports.map((port) => port.name).join('\u0000')}`;
  // React Flow measures handles when a node mounts; only a later change of ports needs a re-measure
  // (calling it for every node on mount would re-measure 300 nodes 300 times).
  const measuredFor = useRef(portKey);
  useEffect(() => {
    if (measuredFor.current === portKey) return;
    measuredFor.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);
  const title = graphNode.label || nodeType?.title || graphNode.type;
  const classes = [
    'lf-node',
    `dir-${direction}`,
    selected ? 'selected' : '',
    problems.length ? 'has-problems' : '',
    mark ? `mark-${mark}` : '',
    nodeType ? `category-${nodeType.category}` : 'unknown',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      style={{ width: nodeWidth(ports.length, direction) }}
      data-node-id={graphNode.id}
      data-testid={`node-${graphNode.id}`}
      title={problems.join('\n') || undefined}
    >
      {!nodeType?.entry && (
        <Handle type="target" position={direction === 'TB' ? Position.Top : Position.Left} className="lf-target" />
      )}
      <div className="lf-node-head">
        <span className="lf-icon" aria-hidden="true">
          {nodeType?.icon ?? '?'}
        </span>
        <span className="lf-title">{title}</span>
        {visits !== undefined && visits > 1 && (
          <span className="lf-visits" title={`entered ${visits} times`}>
            ×{visits}
          </span>
        )}
        {problems.length > 0 && (
          <span className="lf-problem-count" aria-label={`${problems.length} problem${problems.length > 1 ? 's' : ''}`}>
            {problems.length}
          </span>
        )}
      </div>
      <div className="lf-summary">
        {summary ?? (nodeType ? nodeType.title : `unknown node type ${graphNode.type}@${graphNode.typeVersion}`)}
      </div>
      {ports.length > 0 && <Ports nodeId={id} title={title} ports={ports} />}
    </div>
  );
}

function Ports({ nodeId, title, ports }: { nodeId: string; title: string; ports: readonly PortSpec[] }) {
  const direction = useDirection();
  const addFrom = useContext(AddFromPortContext);
  const connections = useNodeConnections({ handleType: 'source' });
  const used = new Set(connections.map((connection) => connection.sourceHandle));
  return (
    <div className="lf-ports">
      {ports.map((port) => {
        const label = port.label ?? port.name;
        return (
          <div className="lf-port" key={port.name} title={port.description} data-port={port.name}>
            <span className="lf-port-label">{label}</span>
            <Handle
              type="source"
              position={direction === 'TB' ? Position.Bottom : Position.Right}
              id={port.name}
              className="lf-source"
            />
            {addFrom && !used.has(port.name) && (
              <button
                type="button"
                className="lf-add nodrag nopan"
                aria-label={`Add a step after ${title}: ${label}`}
                title="Add the next step here"
                onClick={() => addFrom(nodeId, port.name)}
              >
                +
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}

export const LeadflowNodeCard = memo(LeadflowNodeCardView);

export const nodeTypes = { leadflow: LeadflowNodeCard };
