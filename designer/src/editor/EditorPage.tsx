import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { NodeType, Rep, Team, Version, VersionDetail, WorkflowDetail } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { PromptDialog } from '../app/PromptDialog';
import { useLoad } from '../app/use-load';
import { centreNode } from '../graph/readable-view';
import { useCredentialChoices } from '../credentials/use-credential-choices';
import { describeGraph } from '../graph/use-node-descriptions';
import { MigrationBanner } from '../migrations/MigrationBanner';
import type { Pickers } from '../schema-form';
import { addNodeAt } from './canvas-edits';
import { Canvas } from './Canvas';
import { useEditor } from './editor-store';
import { Palette } from './Palette';
import { ProblemsList } from './ProblemsList';
import { publishState } from './publish-state';
import { TestRunPanel } from './TestRunPanel';
import { type SidePanel, Toolbar } from './Toolbar';
import { useAutosave } from './use-autosave';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { VersionsPanel } from './VersionsPanel';
import '../graph/graph.css';
import './editor.css';

// The form (and its validator) loads when a node is first selected, not before the canvas shows.
const ConfigPanel = lazy(() => import('./ConfigPanel').then((module) => ({ default: module.ConfigPanel })));

interface Loaded {
  workflow: WorkflowDetail;
  version: VersionDetail | null;
}

/** A workflow's draft (editable) or one of its versions (read-only) on the canvas. */
export function EditorPage() {
  const { id = '', version } = useParams();
  const { api, nodeTypes } = useLeadflow();
  const versionNumber = version ? Number(version) : null;
  const loaded = useLoad<Loaded>(
    async () => {
      const workflow = await api.get<WorkflowDetail>(`/api/workflows/${id}`);
      const detail = versionNumber
        ? await api.get<VersionDetail>(`/api/workflows/${id}/versions/${versionNumber}`)
        : null;
      const document = detail?.document ?? workflow.draft;
      useEditor.getState().load(document, nodeTypes, detail !== null || workflow.archived);
      useEditor.getState().setHashes({ draftHash: workflow.draftHash, liveHash: workflow.publishedHash });
      const described = await describeGraph(api, workflow.id, document).catch(() => null);
      if (described) useEditor.getState().applyServerView(detail ? [] : described.errors, described.nodes);
      return { workflow, version: detail };
    },
    `${id}@${versionNumber ?? 'draft'}`,
  );

  if (loaded.error && !loaded.data)
    return (
      <p className="page-status banner error" role="alert">
        Could not open this workflow: {loaded.error}
      </p>
    );
  if (!loaded.data)
    return (
      <p className="page-status" aria-busy="true">
        Opening the workflow…
      </p>
    );
  return (
    <ReactFlowProvider>
      <Editor workflow={loaded.data.workflow} version={loaded.data.version} nodeTypes={nodeTypes} />
    </ReactFlowProvider>
  );
}

function Editor(props: { workflow: WorkflowDetail; version: Version | null; nodeTypes: NodeType[] }) {
  const { api, leadFields, principal } = useLeadflow();
  const mayEdit = principal.role === 'admin' || principal.role === 'editor';
  const { version } = props;
  const [workflow, setWorkflow] = useState(props.workflow);
  const readOnly = useEditor((state) => state.readOnly);
  const saveState = useEditor((state) => state.saveState);
  const problemCount = useEditor((state) => state.problems.length);
  const unchanged = useEditor((state) => state.draftHash !== null && state.draftHash === state.liveHash);
  const revision = useEditor((state) => state.revision);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = useEditor((state) => (selectedId ? state.nodes.find((node) => node.id === selectedId) : undefined));
  const [panel, setPanel] = useState<SidePanel>('node');
  const [panelOpen, setPanelOpen] = useState(true);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<{ version: Version; atRevision: number } | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);
  const { setCenter, getNode, getZoom, screenToFlowPosition } = useReactFlow();
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
  // Viewers may not list credentials: their (read-only) forms show a credential field as its id.
  const credentials = useCredentialChoices(api, mayEdit);
  const pickers = useMemo<Pickers>(
    () => ({
      teams: team.data?.[0].teams ?? [],
      reps: team.data?.[1].reps ?? [],
      eventTypes: team.data?.[2].eventTypes ?? [],
      credentials: credentials.choices,
      leadFields,
    }),
    [team.data, credentials.choices, leadFields],
  );

  const showForm = useCallback((nodeId: string | null) => {
    setSelectedId(nodeId);
    if (nodeId) {
      setPanel('node');
      setPanelOpen(true);
    }
  }, []);

  /** From the Problems list, test-run steps: select the node, centre it, show its form. */
  const selectNode = useCallback(
    (nodeId: string) => {
      const store = useEditor.getState();
      store.onNodesChange(store.nodes.map((node) => ({ type: 'select', id: node.id, selected: node.id === nodeId })));
      showForm(nodeId);
      centreNode({ getNode, getZoom, setCenter }, nodeId);
    },
    [getNode, getZoom, setCenter, showForm],
  );

  useEffect(() => {
    if (selectedId && !selected) setSelectedId(null);
  }, [selected, selectedId]);

  const publish = publishState({ readOnly, saveState, problemCount, unchanged });
  const bannerShown = published !== null && published.atRevision === revision;

  return (
    <div className="editor">
      <div className="editor-header">
        <h1>
          <Link to="/workflows">Workflows</Link> / {workflow.name}
        </h1>
        {version && (
          <span className="banner info">
            Version {version.version} (read-only), published by {version.author} on{' '}
            {new Date(version.publishedAt).toLocaleString()}.{' '}
            <Link to={`/workflows/${workflow.slug}`}>Back to the draft</Link>
          </span>
        )}
        {!version && workflow.archived && (
          <span className="banner warn">Archived: read-only. Unarchive it in the workflow list to edit.</span>
        )}
        {!version && (
          <span className="muted" data-testid="live-version">
            {workflow.publishedVersion ? `Live: version ${workflow.publishedVersion}` : 'Not published yet'} ·{' '}
            {workflow.leadsInFlight} leads in flight
          </span>
        )}
        {!version && (
          <MigrationBanner
            workflow={workflow}
            refresh={versionsKey}
            onReviewed={() =>
              void api.get<WorkflowDetail>(`/api/workflows/${workflow.id}`).then(setWorkflow, () => undefined)
            }
          />
        )}
        {bannerShown && (
          <span className="banner info" role="status">
            Published version {published.version.version}. New leads run on it; leads in flight stay on theirs.
          </span>
        )}
      </div>
      <Toolbar
        panel={panel}
        onPanel={(next) => {
          setPanel(next);
          setPanelOpen(true);
        }}
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((open) => !open)}
        onPublish={() => setPublishing(true)}
        canPublish={publish.enabled}
        publishHint={publish.hint}
      />
      <div className="editor-body">
        {!readOnly && (
          <Palette
            nodeTypes={props.nodeTypes}
            disabled={readOnly}
            onAdd={(nodeType) => {
              const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
              const centre = canvas
                ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
                : { x: 0, y: 0 };
              showForm(addNodeAt(nodeType, { x: centre.x - 120, y: centre.y - 50 }));
            }}
          />
        )}
        <Canvas onSelect={setSelectedId} onOpen={showForm} />
        {panelOpen && (
          <aside className="side-panel" id="side-panel" aria-label="Side panel">
            <div hidden={panel !== 'node'}>
              {selected ? (
                <Suspense
                  fallback={
                    <p className="muted" aria-busy="true">
                      Loading the form…
                    </p>
                  }
                >
                  <ConfigPanel node={selected} pickers={pickers} readOnly={readOnly} />
                </Suspense>
              ) : (
                <NothingSelected readOnly={readOnly} />
              )}
            </div>
            <div hidden={panel !== 'problems'}>{panel === 'problems' && <ProblemsList onSelect={selectNode} />}</div>
            {/* Kept mounted: a test run's result stays while you look at a node it passed. */}
            {!readOnly && (
              <div hidden={panel !== 'test'}>
                <TestRunPanel workflowId={workflow.id} onSelect={selectNode} />
              </div>
            )}
            <div hidden={panel !== 'versions'}>
              {panel === 'versions' && (
                <VersionsPanel
                  workflowId={workflow.slug}
                  reloadKey={versionsKey}
                  openVersion={version?.version ?? null}
                />
              )}
            </div>
          </aside>
        )}
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
            setPublished({ version: created, atRevision: useEditor.getState().revision });
            setVersionsKey((key) => key + 1);
            const fresh = await api.get<WorkflowDetail>(`/api/workflows/${workflow.id}`);
            setWorkflow(fresh);
            useEditor.getState().setHashes({ draftHash: fresh.draftHash, liveHash: fresh.publishedHash });
          }}
        />
      )}
    </div>
  );
}

function NothingSelected({ readOnly }: { readOnly: boolean }) {
  return (
    <div className="muted nothing-selected">
      <p>Select a node to see and edit its settings.</p>
      {!readOnly && (
        <ul>
          <li>
            Drag a node type from the palette onto the canvas, or press <strong>+</strong> under a free path to add the
            next step already connected.
          </li>
          <li>Drag from a path to a node to connect it; drag an edge's end onto another node to re-route it.</li>
          <li>Problems lists what still stops publishing; Test run sends a sample lead through the draft.</li>
        </ul>
      )}
    </div>
  );
}
