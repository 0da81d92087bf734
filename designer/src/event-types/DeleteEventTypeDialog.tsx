import { useState } from 'react';
import { ApiError } from '../api/api-client';
import type { WorkflowSummary } from '@leadflow/server/contract';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useLeadflow } from '../app/leadflow-context';
import { WorkflowLinks } from '../app/WorkflowLinks';
import { workflowsNamed } from './data-schema-text';
import type { EventType } from './event-type-types';

interface Props {
  type: EventType;
  workflows: readonly WorkflowSummary[];
  onDeleted(): void;
  onClose(): void;
}

/** Asks before deleting a custom event type; when workflows still wait for or read it (409), names them. */
export function DeleteEventTypeDialog({ type, workflows, onDeleted, onClose }: Props) {
  const { api } = useLeadflow();
  const [users, setUsers] = useState<string[]>([]);
  return (
    <ConfirmDialog
      title={`Delete ${type.label}?`}
      message={
        users.length > 0
          ? `It cannot be deleted: these workflows wait for, score or recycle on ${type.name} in their draft or a published version. Change those nodes first.`
          : `Posts of ${type.name} are refused from then on. If a workflow still uses it, nothing is deleted and the workflows are named here.`
      }
      confirmLabel="Delete event type"
      confirmDisabled={users.length > 0}
      onClose={onClose}
      onConfirm={async () => {
        try {
          await api.request('DELETE', `/api/event-types/${type.name}`);
        } catch (failure) {
          const named =
            failure instanceof ApiError && failure.status === 409
              ? workflowsNamed(failure.problems.map((problem) => problem.message))
              : [];
          if (named.length === 0) throw failure;
          setUsers(named);
          throw new Error(`${named.length === 1 ? 'One workflow uses' : `${named.length} workflows use`} it.`, {
            cause: failure,
          });
        }
        onDeleted();
      }}
    >
      {users.length > 0 && (
        <WorkflowLinks slugs={users} workflows={workflows} label={`Workflows using ${type.label}`} />
      )}
    </ConfirmDialog>
  );
}
