import { useCallback, useState } from 'react';
import type { InboxItem, Lead, OutcomeCatalog, Task } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { leadName } from '../leads/lead-names';
import { LiveBadge } from '../live/LiveBadge';
import { useEventStream } from '../live/use-event-stream';
import { useLeadChanges, useThrottled } from '../live/use-lead-changes';
import { MyLeads } from './MyLeads';
import { NotificationList } from './NotificationList';
import { TaskList } from './TaskList';

/**
 * One rep's inbox: open leads, notifications and open tasks, from the existing list endpoints,
 * kept live by the lead-change stream and the rep's notification stream.
 */
export function InboxView({ repId }: { repId: string }) {
  const { api } = useLeadflow();
  const [notice, setNotice] = useState<string | null>(null);
  const leads = useLoad(
    () => api.get<{ leads: Lead[] }>(`/api/leads?open=true&owner=${repId}&limit=200`),
    `leads-${repId}`,
  );
  const inbox = useLoad(
    () => api.get<{ notifications: InboxItem[] }>(`/api/reps/${repId}/inbox?limit=50`),
    `inbox-${repId}`,
  );
  const tasks = useLoad(() => api.get<{ tasks: Task[] }>(`/api/tasks?rep=${repId}&status=open`), `tasks-${repId}`);
  const catalog = useLoad(() => api.get<OutcomeCatalog>('/api/lead-outcomes'), 'lead-outcomes');

  const reloadLeads = useThrottled(() => {
    leads.reload();
    tasks.reload();
  }, 500);
  const leadsLive = useLeadChanges(api, reloadLeads);
  const reloadInbox = inbox.reload;
  const onNotification = useCallback(() => {
    reloadInbox();
    reloadLeads();
  }, [reloadInbox, reloadLeads]);
  const inboxLive = useEventStream(
    api,
    `/api/reps/${repId}/inbox/stream`,
    onNotification,
    (again) => again && onNotification(),
  );

  const names = new Map((leads.data?.leads ?? []).map((lead) => [lead.id, leadName(lead)]));
  const error = leads.error ?? inbox.error ?? tasks.error ?? catalog.error;
  const loading = leads.loading || inbox.loading || tasks.loading;
  return (
    <>
      <div className="page-header">
        <h1>Inbox</h1>
        <LiveBadge
          state={leadsLive === 'live' && inboxLive === 'live' ? 'live' : leadsLive === 'live' ? inboxLive : leadsLive}
        />
        {loading && <span className="spinner" aria-label="Loading" />}
      </div>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      {notice && <p className="banner info">{notice}</p>}
      <div className="inbox-grid">
        {leads.data && catalog.data && (
          <MyLeads
            leads={leads.data.leads}
            catalog={catalog.data}
            onRecorded={(summary) => {
              setNotice(summary);
              reloadLeads();
            }}
          />
        )}
        <div className="inbox-side">
          {inbox.data && (
            <NotificationList repId={repId} items={inbox.data.notifications} onRead={() => inbox.reload()} />
          )}
          {tasks.data && <TaskList tasks={tasks.data.tasks} leadNames={names} onDone={() => tasks.reload()} />}
        </div>
      </div>
    </>
  );
}
