import { useEffect, useRef, useState } from 'react';
import { client, get } from '../lib/api';
import { dateTime } from '../lib/format';
import { useLang } from '../lib/i18n';
import { notificationFeed, useNotificationFeed } from '../lib/notifications';
import { navigate } from '../lib/router';
import type { Session } from '../lib/session';
import type { NotificationType, NotificationView } from '../lib/types';
import './notification-bell.css';

const TEXT: Record<NotificationType, { vi: string; en: string }> = {
  urgent_lead: { vi: 'Manh mối KHẨN mới', en: 'New URGENT lead' },
  urgent_unclaimed: { vi: 'Manh mối khẩn chưa có người nhận', en: 'Urgent lead still unclaimed' },
  tipster_replied: { vi: 'Người báo tin đã trả lời', en: 'The tipster replied' },
  lead_reopened: { vi: 'Manh mối được mở lại', en: 'Lead reopened' },
  deadline_near: { vi: 'Sắp đến hạn quyết định', en: 'Decision deadline near' },
  deadline_missed: { vi: 'Quá hạn quyết định', en: 'Decision deadline missed' },
};

/** Where a notification leads: the lead's page; for a tip, its lead (or its trace). */
async function open(n: NotificationView, session: Session): Promise<void> {
  if (n.entityType === 'lead') return navigate(`/leads/${n.entityId}`);
  if (session.role === 'supervisor') return navigate(`/trace/${n.entityId}`);
  const tip = await get(client.GET('/api/tips/{id}', { params: { path: { id: n.entityId } } }));
  if (tip.leadId) navigate(`/leads/${tip.leadId}`);
}

/**
 * The bell in the top bar: unread count, live from the stream, and the latest notifications;
 * choosing one marks it read and opens its lead or tip.
 */
export function NotificationBell({ session }: { session: Session }) {
  const { tr, lang } = useLang();
  const feed = useNotificationFeed();
  const [openList, setOpenList] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    notificationFeed.start(session.token);
    return () => notificationFeed.stop();
  }, [session.token]);

  useEffect(() => {
    if (!openList) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)
      )
        setOpenList(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [openList]);

  const choose = async (n: NotificationView) => {
    setOpenList(false);
    await notificationFeed.markRead(n.id).catch(() => undefined);
    await open(n, session).catch(() => undefined);
  };

  const count = feed.unreadCount;
  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="bell-button"
        data-testid="bell"
        aria-expanded={openList}
        aria-haspopup="true"
        title={feed.live ? tr('notification-bell.live') : tr('notification-bell.not_live')}
        onClick={() => setOpenList((v) => !v)}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="sr-only">{tr('notification-bell.notifications')}</span>
        {count > 0 ? (
          <span className="bell-count" data-testid="bell-count">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {openList ? (
        <div className="bell-list" role="dialog" aria-label={tr('notification-bell.notifications')}>
          {feed.items.length === 0 ? (
            <p className="bell-empty">{tr('notification-bell.no_notifications')}</p>
          ) : (
            <ul>
              {feed.items.map((n) => (
                <li key={n.id} className={n.read ? 'read' : 'unread'}>
                  <button type="button" className="link" onClick={() => void choose(n)}>
                    <strong>{TEXT[n.type]?.[lang] ?? n.type}</strong>
                    <small>
                      {n.entityType === 'lead'
                        ? tr('notification-bell.lead')
                        : tr('notification-bell.tip')}{' '}
                      {n.entityId.slice(0, 8)} · {dateTime(n.at, lang)}
                    </small>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
