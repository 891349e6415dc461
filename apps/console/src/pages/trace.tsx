import { AttachmentList } from '../components/attachments';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ReasonDialog } from '../components/reason-dialog';
import { canUnmerge, TriageNotes, TriageReasons, UnmergeDialog } from '../components/tip-card';
import { Card, Empty, ErrorNote, StageBadge, UrgentBadge } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, thenRefresh } from '../lib/api';
import { dateTime } from '../lib/format';
import { useReference } from '../lib/hooks';
import { EVENTS, label, pick, STAGES, useLang } from '../lib/i18n';
import { Link, navigate } from '../lib/router';
import './trace.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tip's path from intake to arrests, as a timeline; find a tip by its reference or id. */
export function TracePage({ id }: { id?: string }) {
  const { tr, lang } = useLang();
  const form = useForm<{ 'trace-query': string }>({ defaultValues: { 'trace-query': '' } });
  const [error, setError] = useState<ApiError | null>(null);
  const trace = useQuery({
    queryKey: ['tip', id, 'trace'],
    queryFn: () => get(client.GET('/api/tips/{id}/trace', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: 5000,
  });
  const recent = useQuery({
    queryKey: ['tips', 'recent'],
    queryFn: () => get(client.GET('/api/tips', { params: { query: { limit: 15 } } })),
    enabled: !id,
  });
  const ref = useReference();
  const [undo, setUndo] = useState<'restore' | 'unmerge' | null>(null);
  const timelineRef = useRef<HTMLOListElement>(null);
  const acted = useRef(false);
  // Once the action is done, the button that opened the dialog goes away with the stage it was
  // for: the timeline, where the new event appears, takes the focus instead of the page's body.
  const refresh = () => {
    acted.current = true;
    void trace.refetch();
  };
  const closeUndo = () => {
    setUndo(null);
    if (acted.current) timelineRef.current?.focus();
    acted.current = false;
  };

  const find = form.handleSubmit(async (f) => {
    setError(null);
    const v = f['trace-query'].trim();
    if (UUID.test(v)) return navigate(`/trace/${v}`);
    try {
      const page = await get(
        client.GET('/api/tips', { params: { query: { reference: v.toUpperCase(), limit: 1 } } }),
      );
      if (page.items[0]) navigate(`/trace/${page.items[0].id}`);
      else setError(new ApiError(404, 'not found'));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  });

  const t = trace.data?.tip;
  // Oldest first, whatever the order events were recorded in (an import records old ones late).
  const events = [...(trace.data?.events ?? [])].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  return (
    <div className="two-col narrow-left">
      <div>
        <Card title={tr('trace.find_a_tip')}>
          <form onSubmit={(e) => void find(e)} className="filters">
            <input
              aria-label={tr('trace.reference_or_tip_id')}
              placeholder="TT-26-…"
              {...form.register('trace-query')}
            />
            <button type="submit">{tr('trace.show_trace')}</button>
          </form>
          <ErrorNote error={error} />
        </Card>
        {!id ? (
          <Card title={tr('trace.recent_tips')}>
            <ErrorNote error={recent.error} />
            <ul className="list">
              {recent.data?.items.map((tip) => (
                <li key={tip.id}>
                  <Link href={`/trace/${tip.id}`} className="mono">
                    {tip.reference}
                  </Link>{' '}
                  <StageBadge stage={tip.stage} text={label(STAGES, tip.stage, lang)} /> {tip.ward}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
      <div>
        {id ? (
          <Card title={t ? `${tr('trace.trace_of_tip')} ${t.reference}` : tr('trace.tip_trace')}>
            <ErrorNote error={trace.error} />
            {t ? (
              <>
                <p className="hint">
                  <StageBadge stage={t.stage} text={label(STAGES, t.stage, lang)} /> {t.ward} ·{' '}
                  {ref?.categoryLabels[t.category]?.[lang] ?? t.category}
                  {t.outcome.caseStatus
                    ? ` · ${
                        t.outcome.caseStatus === 'open'
                          ? tr('trace.case_open')
                          : t.outcome.resolution === 'solved'
                            ? tr('trace.case_solved')
                            : tr('trace.case_closed')
                      }`
                    : ''}
                  {` · ${tr('trace.arrests')} ${t.outcome.arrests}`}
                </p>
                {t.triage?.urgent ? (
                  <p>
                    <UrgentBadge />
                  </p>
                ) : null}
                {t.imported ? (
                  <p className="note" data-testid="trace-imported">
                    {t.externalRef
                      ? tr('trace.imported_ref', { ref: t.externalRef })
                      : tr('trace.imported')}
                  </p>
                ) : null}
                <TriageReasons tip={t} lang={lang} />
                <TriageNotes tip={t} lang={lang} />
                <div className="actions trace-actions">
                  {t.leadId ? (
                    <Link href={`/leads/${t.leadId}`}>{tr('trace.open_its_lead')}</Link>
                  ) : null}
                  {t.stage === 'rejected' ? (
                    <button type="button" className="primary" onClick={() => setUndo('restore')}>
                      {tr('trace.restore')}
                    </button>
                  ) : null}
                  {canUnmerge(t) ? (
                    <button type="button" onClick={() => setUndo('unmerge')}>
                      {tr('trace.unmerge')}
                    </button>
                  ) : null}
                </div>
                {undo === 'restore' ? (
                  <ReasonDialog
                    title={tr('trace.restore_tip_ref', { reference: t.reference })}
                    explain={tr('trace.the_rejected_tip_goes_on_as_if_accepted')}
                    confirm={tr('trace.restore_2')}
                    conflict={tr('trace.not_restored_this_tip_is_no_longer_rejec')}
                    onConfirm={async (reason) => {
                      await thenRefresh(
                        call(
                          client.POST('/api/tips/{id}/restore', {
                            params: { path: { id: t.id } },
                            body: { reason },
                          }),
                        ),
                        refresh,
                      );
                    }}
                    onClose={closeUndo}
                  />
                ) : null}
                {undo === 'unmerge' ? (
                  <UnmergeDialog tip={t} refresh={refresh} onClose={closeUndo} />
                ) : null}
                <AttachmentList tipId={t.id} count={t.attachmentCount} />
                <ol className="timeline" data-testid="timeline" ref={timelineRef} tabIndex={-1}>
                  {events.map((e, i) => (
                    <li key={i} className={`ev ev-${e.type}`} data-type={e.type}>
                      <time dateTime={e.at}>{dateTime(e.at, lang)}</time>
                      <strong>{label(EVENTS, e.type, lang)}</strong>
                      {e.actor ? <span className="actor">{e.actor}</span> : null}
                      {/* The API's readable line; raw detail keys are never shown. */}
                      {e.text ? <span className="detail">{pick(e.text, lang)}</span> : null}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </Card>
        ) : (
          <Card>
            <Empty>{tr('trace.pick_a_tip_to_see_its_trace')}</Empty>
          </Card>
        )}
      </div>
    </div>
  );
}
