import { ApiError } from '../api/api-client';
import type { WorkflowSummary } from '@leadflow/server/contract';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { WorkflowLinks } from '../app/WorkflowLinks';
import type { Credential } from './credential-types';

interface Props {
  credential: Credential;
  workflows: readonly WorkflowSummary[];
  onDeleted(): void;
  onClose(): void;
}

/**
 * Asks before deleting a credential, naming the workflows that still use it (read afresh): while
 * any does, it cannot go (the API answers 409), and the dialog says where to change them.
 */
export function DeleteCredentialDialog({ credential, workflows, onDeleted, onClose }: Props) {
  const { api } = useLeadflow();
  const fresh = useLoad(
    () => api.get<Credential>(`/api/credentials/${credential.id}`),
    `credential-users-${credential.id}`,
  );
  const usedBy = fresh.data?.usedBy ?? credential.usedBy;
  const inUse = usedBy.length > 0;
  return (
    <ConfirmDialog
      title={`Delete ${credential.name}?`}
      message={
        inUse
          ? "It cannot be deleted while a workflow's draft or a published version names it: leads running there would lose their secret. It is named by:"
          : 'No workflow uses it. Deleting it cannot be undone; its secret is destroyed.'
      }
      confirmLabel="Delete credential"
      confirmDisabled={fresh.loading || inUse}
      onClose={onClose}
      onConfirm={async () => {
        try {
          await api.request('DELETE', `/api/credentials/${credential.id}`);
        } catch (failure) {
          // A workflow started using it since the dialog opened: show which, by name.
          if (failure instanceof ApiError && failure.status === 409) {
            fresh.reload();
            throw new Error('A workflow started using it meanwhile; see the list above.', { cause: failure });
          }
          throw failure;
        }
        onDeleted();
      }}
    >
      {fresh.loading && !fresh.data && (
        <p className="muted" aria-busy="true">
          Checking which workflows use it…
        </p>
      )}
      {inUse && <WorkflowLinks slugs={usedBy} workflows={workflows} label={`Workflows using ${credential.name}`} />}
      {inUse && (
        <p className="muted">
          To retire a leaked or old secret, replace the secret instead: every node naming it takes the new one.
        </p>
      )}
    </ConfirmDialog>
  );
}
