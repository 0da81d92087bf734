import { useEffect, useRef } from 'react';
import type { Api } from '../api/api-client';
import { errorMessage } from '../api/api-client';
import type { NodeDescription, Problem, WorkflowDetail } from '@leadflow/server/contract';
import { useEditor } from './editor-store';

const SAVE_DELAY_MS = 700;

/**
 * Saves the draft a moment after each change (one request in flight at a time; a change made
 * while saving is saved right after), and paints the server's problems on the canvas.
 */
export function useAutosave(api: Api, workflowId: string, enabled: boolean): void {
  const revision = useEditor((state) => state.revision);
  const inFlight = useRef<Promise<void> | null>(null);
  const savedRevision = useRef(0);

  useEffect(() => {
    if (!enabled || revision === savedRevision.current) return;
    useEditor.getState().setSaveState('unsaved');
    const timer = setTimeout(() => {
      const save = async (): Promise<void> => {
        if (inFlight.current) await inFlight.current;
        const store = useEditor.getState();
        const target = store.revision;
        if (target === savedRevision.current) return;
        store.setSaveState('saving');
        try {
          type Saved = { problems: Problem[]; nodes: Record<string, NodeDescription>; workflow: WorkflowDetail };
          const result = await api.request<Saved>('PUT', `/api/workflows/${workflowId}/draft`, store.document());
          savedRevision.current = target;
          const after = useEditor.getState();
          after.applyServerView(result.problems, result.nodes);
          after.setHashes({ draftHash: result.workflow.draftHash, liveHash: result.workflow.publishedHash });
          after.setSaveState(after.revision === target ? 'saved' : 'unsaved');
        } catch (failure) {
          useEditor.getState().setSaveState('error', errorMessage(failure));
        }
      };
      inFlight.current = save().finally(() => {
        inFlight.current = null;
      });
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, workflowId, enabled, revision]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const state = useEditor.getState().saveState;
      if (state === 'unsaved' || state === 'saving' || state === 'error') event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}
