import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { NodeType, Rep, Team, Version, VersionDetail, WorkflowDetail } from '../api/types';
import { useLeadflow } from '../app/leadflow-context';
import { PromptDialog } from '../app/PromptDialog';
import { useLoad } from '../app/use-load';
import { describeGraph } from '../graph/use-node-descriptions';
import type { Pickers } from '../schema-form';
import { addNode, Canvas } from './Canvas';
import { ConfigPanel } from './ConfigPanel';
import { useEditor } from './editor-store';
import { Palette } from './Palette';
import { ProblemsList } from './ProblemsList';
import { TestRunPanel } from './TestRunPanel';
import { type SidePanel, Toolbar } from './Toolbar';
import { useAutosave } from './use-autosave';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { VersionsPanel } from './VersionsPanel';
import '../graph/graph.css';
import './editor.css';

interface Loaded {
  workflow: WorkflowDetail;
  version: VersionDetail | null;
}

/** A workflow's draft (editable) or one of its versions (read-only) on the canvas. */
export function EditorPage() {
  const { id = '', version } = useParams();
  const { api, nodeTypes } = useLeadflow();
  const versionNumber = version ? Number(version) : null;
  const loaded = useLoad<Loaded>(async () => {
    const workflow = await api.get<WorkflowDetail>(`/api/workflows/${id}`);
    const detail = versionNumber ? await api.get<VersionDetail>(`/api/workflows/${id}/versions/${versionNumber}`) : null;
    const document = detail?.document ?? workflow.draft;
    useEditor.getState().load(document, nodeTypes, detail !== null || workflow.archived);
    const described = await describeGraph(api, workflow.id, document).catch(() => null);
    if (described) useEditor.getState().applyServerView(detail ? [] : described.errors, described.nodes);
    return { workflow, version: detail };
  }, `${id}@${versionNumber ?? 'draft'}`);

  if (loaded.error && !loaded.data) return <p className="page-status banner error" role="alert">Could not open this workflow: {loaded.error}</p>;
  if (!loaded.data) return <p className="page-status" aria-busy="true">Opening the workflow…</p>;
  return (
    <ReactFlowProvider>
      <Editor workflow={loaded.data.workflow} version={loaded.data.version} nodeTypes={nodeTypes} />
    </ReactFlowProvider>
  );
}

function Editor(props: { workflow: WorkflowDetail; version: Version | null; nodeTypes: NodeType[] }) {
  const { api, leadFields } = useLeadflow();
  const { workflow, version } = props;
  const readOnly = useEditor((state) => state.readOnly);
  const saveState = useEditor((state) => state.saveState);
  const problemCount = useEditor((state) => state.problems.length);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = useEditor((state) => (selectedId ? state.nodes.find((node) => node.id === selectedId) : undefined));
  const [panel, setPanel] = useState<SidePanel>('node');
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<Version | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);
  const { setCenter, getNode, screenToFlowPosition } = useReactFlow();
  useAutosave(api, workflow.id, !readOnly);
  useEditorShortcuts();

  const team = useLoad(
    () =>
      Promise.all([
        api.get<{ teams: Team[] }>('/api/teams'),
        api.get<{ reps: Rep[] }>('/api/reps'),
        api.get<{ eventTypes: Array<{ name: string; label: string }> }>('/api/event-types'),
      ]),
    'team-model',
  );
  const pickers = useMemo<Pickers>(
    () => ({ teams: team.data?.[0].teams ?? [], reps: team.data?.[1].reps ?? [], eventTypes: team.data?.[2].eventTypes ?? [], leadFields }),
    [team.data, leadFields],
  );

  const selectNode = useCallback(
    (nodeId: string) => {
      const store = useEditor.getState();
      store.onNodesChange(store.nodes.map((node) => ({ type: 'select', id: node.id, selected: node.id === nodeId })));
      setSelectedId(nodeId);
      setPanel('node');
      const node = getNode(nodeId);
      if (node) void setCenter(node.position.x + 110, node.position.y + 40, { zoom: 1, duration: 300 });
    },
    [getNode, setCenter],
  );

  useEffect(() => {
    if (selectedId && !selected) setSelectedId(null);
  }, [selected, selectedId]);

  const canPublish = !readOnly && saveState === 'saved' && problemCount === 0;
  const publishHint = readOnly ? null : saveState !== 'saved' ? 'Wait until the draft is saved' : problemCount > 0 ? `Fix ${problemCount} problem${problemCount > 1 ? 's' : ''} first` : null;

  return (
    <div className="editor">
      <div className="editor-header">
        <h1>
          <Link to="/workflows">Workflows</Link> / {workflow.name}
        </h1>
        {version && (
          <span className="banner info">
            Version {version.version} (read-only), published by {version.author} on {new Date(version.publishedAt).toLocaleString()}. <Link to={`/workflows/${workflow.slug}`}>Back to the draft</Link>
          </span>
        )}
        {!version && workflow.archived && <span className="banner warn">Archived: read-only. Unarchive it in the workflow list to edit.</span>}
        {!version && <span className="muted">{workflow.publishedVersion ? `Live: version ${workflow.publishedVersion}` : 'Not published yet'} · {workflow.leadsInFlight} leads in flight</span>}
        {published && (
          <span className="banner info" role="status">
            Published version {published.version}. New leads run on it; leads in flight stay on theirs.
          </span>
        )}
      </div>
      <Toolbar panel={panel} onPanel={setPanel} onPublish={() => setPublishing(true)} canPublish={canPublish} publishHint={publishHint} />
      <div className="editor-body">
        {!readOnly && (
          <Palette
            nodeTypes={props.nodeTypes}
            disabled={readOnly}
            onAdd={(nodeType) => {
              const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
              const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 };
              const id = addNode(nodeType, centre);
              setSelectedId(id);
              setPanel('node');
            }}
          />
        )}
        <Canvas onSelect={(nodeId) => setSelectedId(nodeId)} />
        <aside className="side-panel" aria-label="Side panel">
          {panel === 'node' && (selected ? <ConfigPanel node={selected} pickers={pickers} readOnly={readOnly} /> : <p className="muted">Select a node to see and edit its settings. Drag node types from the palette onto the canvas; connect a port to a node to route leads.</p>)}
          {panel === 'problems' && <ProblemsList onSelect={selectNode} />}
          {panel === 'test' && <TestRunPanel workflowId={workflow.id} onSelect={selectNode} />}
          {panel === 'versions' && <VersionsPanel workflowId={workflow.slug} reloadKey={versionsKey} openVersion={version?.version ?? null} />}
        </aside>
      </div>
      {publishing && (
        <PromptDialog
          title={`Publish ${workflow.name}`}
          label="What changed and why"
          submitLabel="Publish"
          multiline
          onClose={() => setPublishing(false)}
          onSubmit={async (note) => {
            const created = await api.request<Version>('POST', `/api/workflows/${workflow.id}/publish`, { note });
            setPublished(created);
            setVersionsKey((key) => key + 1);
          }}
        />
      )}
    </div>
  );
}
