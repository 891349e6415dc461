import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, thenRefresh } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { dateTime } from '../lib/format';
import { CHANNELS, label, pick, reasonList, STAGES, useLang, type Lang } from '../lib/i18n';
import type { Reference, Role, TipView } from '../lib/types';
import { AttachmentList } from './attachments';
import { ReasonDialog } from './reason-dialog';
import { ErrorNote, Field, StageBadge, UrgentBadge } from './ui';
import './thread.css';
import './tip-card.css';

/** Where a duplicate still sits on the lead it joined, so that unmerging it can apply. */
const UNMERGEABLE = new Set(['duplicate', 'lead_open', 'lead_claimed']);

/** A duplicate that can still leave the lead it joined. */
export function canUnmerge(tip: TipView): boolean {
  return !!tip.triage?.duplicateOf && UNMERGEABLE.has(tip.stage);
}

/** Asks for the reason, then takes a duplicate off the lead it joined (its own lead after). */
export function UnmergeDialog(props: { tip: TipView; refresh: () => void; onClose: () => void }) {
  const { tr } = useLang();
  const t = props.tip;
  return (
    <ReasonDialog
      title={tr('tip-card.unmerge_tip_ref', { reference: t.reference })}
      explain={tr('tip-card.this_tip_leaves_the_lead_it_joined_and_g')}
      confirm={tr('tip-card.unmerge')}
      conflict={tr('tip-card.not_unmerged_this_tip_is_no_longer_a_dup')}
      onConfirm={async (reason) => {
        await thenRefresh(
          call(
            client.POST('/api/tips/{id}/unmerge', {
              params: { path: { id: t.id } },
              body: { reason },
            }),
          ),
          props.refresh,
        );
      }}
      onClose={props.onClose}
    />
  );
}

/** Why a tip waits for a person, or why it was rejected, in the chosen language. */
export function TriageNotes({ tip, lang }: { tip: TipView; lang: Lang }) {
  const { tr } = useLang();
  const t = tip.triage;
  if (!t) return null;
  return (
    <>
      {tip.stage === 'needs_review' && (t.reviewReasonText || t.reviewReason) ? (
        <p className="hint" data-testid="review-reason">
          {tr('tip-card.needs_a_person')}:{' '}
          <strong>{pick(t.reviewReasonText, lang) || t.reviewReason}</strong>
        </p>
      ) : null}
      {tip.stage === 'rejected' && (t.rejectedReasonText || t.rejectedReason) ? (
        <p className="hint" data-testid="rejected-reason">
          {tr('tip-card.rejected_because')}:{' '}
          <strong>{pick(t.rejectedReasonText, lang) || t.rejectedReason}</strong>
        </p>
      ) : null}
    </>
  );
}

/** Triage's priority and reasons, in the chosen language. */
export function TriageReasons({ tip, lang }: { tip: TipView; lang: Lang }) {
  const { tr } = useLang();
  const t = tip.triage;
  if (!t) return null;
  const reasons = reasonList(t.reasonDetails, t.reasons, lang);
  return (
    <div className="triage">
      <span className="hint">
        {tr('tip-card.priority')} <strong>{t.priority}</strong>
      </span>
      {reasons.length ? (
        <ul className="reasons" data-testid="tip-reasons">
          {reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * One tip as an investigator reads it, with the message thread to its tipster on demand. With
 * `role`, an investigator or supervisor can take a duplicate off the lead it joined (Unmerge).
 */
export function TipCard(props: {
  id: string;
  reference: Reference | null;
  role?: Role;
  /** Called after this tip changed (e.g. left the lead), for the page to refresh. */
  onChanged?: () => void;
}) {
  const { tr, lang } = useLang();
  const { id, reference } = props;
  const tip = useQuery({
    queryKey: ['tip', id],
    queryFn: () => get(client.GET('/api/tips/{id}', { params: { path: { id } } })),
  });
  const [thread, setThread] = useState(false);
  const [unmerging, setUnmerging] = useState(false);
  const t = tip.data;
  if (tip.error) return <ErrorNote error={tip.error} />;
  if (!t) return <p className="loading">{tr('tip-card.loading')}</p>;
  const unmergeable =
    canUnmerge(t) && (props.role === 'investigator' || props.role === 'supervisor');
  return (
    <article
      className={`tip ${t.triage?.urgent ? 'tip-urgent' : ''}`}
      data-testid="lead-tip"
      data-reference={t.reference}
    >
      <header>
        <span className="mono">{t.reference}</span>
        {t.triage?.urgent ? <UrgentBadge /> : null}
        <StageBadge stage={t.stage} text={label(STAGES, t.stage, lang)} />
        <span>{t.ward}</span>
        <span>{reference?.categoryLabels[t.category]?.[lang] ?? t.category}</span>
        <span>{label(CHANNELS, t.channel, lang)}</span>
        <span>{dateTime(t.receivedAt, lang)}</span>
        {t.decisionDueAt ? (
          <span className={t.overdue ? 'overdue' : ''} data-testid="decision-due">
            {t.overdue ? tr('tip-card.decision_overdue') : tr('tip-card.decide_by')}:{' '}
            {dateTime(t.decisionDueAt, lang)}
          </span>
        ) : null}
      </header>
      <p className="description">{t.description}</p>
      {t.location?.address ? (
        <p className="hint">
          {tr('tip-card.address')}: {t.location.address}
        </p>
      ) : null}
      <TriageReasons tip={t} lang={lang} />
      <TriageNotes tip={t} lang={lang} />
      {t.triage?.duplicateOf ? (
        <p className="hint">
          {tr('tip-card.joined_this_lead_as_a_duplicate_of_anoth')}{' '}
          {unmergeable ? (
            <button type="button" onClick={() => setUnmerging(true)}>
              {tr('tip-card.unmerge')}
            </button>
          ) : null}
        </p>
      ) : null}
      {unmerging ? (
        <UnmergeDialog
          tip={t}
          refresh={() => {
            void tip.refetch();
            props.onChanged?.();
          }}
          onClose={() => setUnmerging(false)}
        />
      ) : null}
      <p className="hint">
        {t.anonymous
          ? tr('tip-card.anonymous_tipster')
          : t.hasContact
            ? tr('tip-card.the_tipster_left_contact_details')
            : tr('tip-card.no_contact_details')}
        {' · '}
        <button type="button" className="link" onClick={() => setThread((v) => !v)}>
          {thread ? tr('tip-card.hide_messages') : tr('tip-card.messages_with_the_tipster')}
        </button>
      </p>
      <AttachmentList tipId={t.id} count={t.attachmentCount} />
      {thread ? <Thread tipId={t.id} /> : null}
    </article>
  );
}

function Thread({ tipId }: { tipId: string }) {
  const { tr, lang } = useLang();
  const msgs = useQuery({
    queryKey: ['tip', tipId, 'messages'],
    queryFn: () => get(client.GET('/api/tips/{id}/messages', { params: { path: { id: tipId } } })),
    refetchInterval: 5000,
  });
  const form = useForm<{ 'staff-message': string }>({ defaultValues: { 'staff-message': '' } });
  const body = form.watch('staff-message');
  const [error, setError] = useState<ApiError | null>(null);
  const send = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await call(
        client.POST('/api/tips/{id}/messages', {
          params: { path: { id: tipId } },
          body: { body: f['staff-message'] },
        }),
      );
      form.reset();
      void msgs.refetch();
    } catch (err) {
      const names = { body: 'staff-message' } as const;
      setError(setServerErrors(form, err, names, lang, tr) ? null : asApiError(err));
    }
  });
  return (
    <div className="thread-box">
      <ol className="thread" data-testid="staff-thread">
        {msgs.data?.length ? (
          msgs.data.map((m, i) => (
            <li key={m.id ?? i} className={m.direction}>
              <span className="meta">
                {m.direction === 'to_tipster'
                  ? (m.author ?? tr('tip-card.officer'))
                  : tr('tip-card.tipster')}{' '}
                · {dateTime(m.createdAt, lang)}
              </span>
              <span className="body">{m.body}</span>
            </li>
          ))
        ) : (
          <li className="empty">{tr('tip-card.no_messages_yet')}</li>
        )}
      </ol>
      <form onSubmit={(e) => void send(e)} noValidate>
        <Field
          label={tr('tip-card.write_to_the_tipster')}
          errors={errorsOf(form.formState.errors, 'staff-message')}
        >
          {(id, d) => (
            <textarea
              id={id}
              rows={2}
              aria-describedby={d}
              {...form.register('staff-message', { validate: rules(tr).text(1, 2000) })}
            />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" disabled={!body.trim() || form.formState.isSubmitting}>
          {tr('tip-card.send')}
        </button>
      </form>
    </div>
  );
}
