import { requestBodySchema } from '../api/request-schemas';
import type { WorkflowSummary } from '@leadflow/server/contract';
import { useLoad } from '../app/use-load';
import type { JsonSchema } from '../schema-form';
import { withWorkflowChoices } from './channel-schema';

/** The create body's schema of a channel route, with the workflows to choose from; null while loading. */
export function useChannelSchema(
  path: string,
  workflows: readonly WorkflowSummary[],
): { schema: JsonSchema | null; error: string | null } {
  const loaded = useLoad(() => requestBodySchema('POST', path), `schema ${path}`);
  return { schema: loaded.data ? withWorkflowChoices(loaded.data, workflows) : null, error: loaded.error };
}
