import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { InboxItem } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';

/** The rep's notifications, newest first; unread ones stand out and can be marked read. */
export function NotificationList({
  repId,
  items,
  onRead,
}: {
  repId: string;
  items: InboxItem[];
  onRead(item: InboxItem): void;
}) {
  const { api } = useLeadflow();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unread = items.filter((item) => !item.readAt).length;

  const markRead = async (item: InboxItem) => {
    setBusy(item.id);
    setErrors(({ [item.id]: _, ...rest }) => rest);
    try {
      onRead(await api.request<InboxItem>('POST', `/api/reps/${repId}/inbox/${item.id}/read`));
    } catch (failure) {
      setErrors((previous) => ({ ...previous, [item.id]: errorMessage(failure) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="inbox-panel" aria-labelledby="notifications-title">
      <h2 id="notifications-title">
        Notifications{' '}
        <span
          className={`badge ${unread > 0 ? 'accent' : ''}`}
          data-testid="unread-count"
          aria-label={`${unread} unread`}
        >
          {unread}
        </span>
      </h2>
      {items.length === 0 && <p className="muted">Nothing yet. New leads routed to you appear here.</p>}
      <ul className="notifications">
        {items.map((item) => (
          <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
            <div className="notification-head">
              <strong>{item.subject}</strong>
              <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleTimeString()}</time>
            </div>
            <p className="notification-body">{item.body}</p>
            {!item.readAt && (
              <button
                type="button"
                onClick={() => void markRead(item)}
                disabled={busy === item.id}
                aria-busy={busy === item.id}
                aria-label={`Mark read: ${item.subject}`}
              >
                {busy === item.id && <span className="spinner" aria-hidden="true" />}
                Mark read
              </button>
            )}
            {errors[item.id] && (
              <p role="alert" className="error-text">
                {errors[item.id]}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
