import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { TriageReasons } from '../components/tip-card';
import { Card, ErrorNote, Field, UrgentBadge } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, client, get } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { dateTime, duration } from '../lib/format';
import { useNow, useReference } from '../lib/hooks';
import { CHANNELS, label, pick, STAGES, useLang } from '../lib/i18n';
import type { TipPage, TipView } from '../lib/types';
import './review.css';

type Decision = 'accept' | 'reject';

/** How many pages of 100 the queue reads at most (a backlog past this is a problem to report). */
const MAX_PAGES = 10;

/** Every tip waiting for a person, oldest first (the list API answers newest first). */
async function loadQueue(): Promise<TipView[]> {
  const all: TipView[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const p: TipPage = await get(
      client.GET('/api/tips', {
        params: { query: { stage: 'needs_review', limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    );
    all.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return all.sort(
    (a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.id.localeCompare(b.id),
  );
}

/** Keys typed into a form field are text, not shortcuts. */
function inForm(target: EventTarget): boolean {
  return target instanceof HTMLElement && target.closest('form') !== null;
}

interface Note {
  kind: 'ok' | 'conflict';
  text: string;
}

/**
 * The tips triage left to a person (too vague, or triage unsure), oldest first. Keyboard first:
 * ↑/↓ or j/k move between tips, `a` accepts and `r` rejects (the reason field gets the focus,
 * Enter confirms, Esc cancels), and after each decision the next tip has the focus.
 */
export function ReviewPage() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const now = useNow(30_000);
  const queue = useQuery({
    queryKey: ['tips', 'needs_review'],
    queryFn: loadQueue,
    refetchInterval: 15_000,
  });
  // Tips decided here stay hidden even if a poll that started before the decision lists them.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState<{ id: string; decision: Decision } | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const items = useRef(new Map<string, HTMLElement>());
  const emptyRef = useRef<HTMLParagraphElement>(null);
  // What gets the focus after the next render: a tip's id, or 'empty'.
  const focusNext = useRef<string | null>(null);
  const focusedOnce = useRef(false);
  const headingId = useId();

  const tips = (queue.data ?? []).filter((t) => !decided.has(t.id));
  const found = tips.findIndex((t) => t.id === selected);
  const index = found >= 0 ? found : 0;
  const current = tips[index] ?? null;

  useEffect(() => {
    // The page opens with the oldest tip focused, ready for the keys.
    if (!focusedOnce.current && queue.data) {
      focusedOnce.current = true;
      if (current) focusNext.current = current.id;
    }
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target === 'empty') emptyRef.current?.focus();
    else items.current.get(target)?.focus();
  });

  // Someone else decided the tip whose form is open: say so instead of losing the form silently.
  useEffect(() => {
    if (open && queue.data && !tips.some((t) => t.id === open.id)) {
      setOpen(null);
      setNote({
        kind: 'conflict',
        text: tr('review.the_tip_you_were_reviewing_was_decided_b'),
      });
    }
  });

  const move = (to: number) => {
    if (!tips.length) return;
    const next = tips[Math.max(0, Math.min(tips.length - 1, to))];
    setSelected(next.id);
    focusNext.current = next.id;
  };

  const start = (decision: Decision, tip: TipView | null = current) => {
    if (!tip) return;
    setSelected(tip.id);
    setNote(null);
    setOpen({ id: tip.id, decision });
  };

  const cancel = () => {
    if (open) focusNext.current = open.id;
    setOpen(null);
  };

  /** The tip left the queue (decided here, or by someone else): the next one gets the focus. */
  const leave = (tip: TipView, n: Note) => {
    const at = tips.findIndex((t) => t.id === tip.id);
    const rest = tips.filter((t) => t.id !== tip.id);
    const next = rest[Math.min(Math.max(at, 0), rest.length - 1)] ?? null;
    setDecided((old) => new Set(old).add(tip.id));
    setOpen(null);
    setNote(n);
    setSelected(next?.id ?? null);
    focusNext.current = next?.id ?? 'empty';
  };

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || inForm(e.target)) return;
    switch (e.key.length === 1 ? e.key.toLowerCase() : e.key) {
      case 'ArrowDown':
      case 'j':
        move(index + 1);
        break;
      case 'ArrowUp':
      case 'k':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(tips.length - 1);
        break;
      case 'a':
        start('accept');
        break;
      case 'r':
        start('reject');
        break;
      default:
        return;
    }
    // Also keeps the letter out of the reason field that takes the focus.
    e.preventDefault();
  };

  return (
    <div className="review">
      <Card>
        <h1 id={headingId}>
          {tr('review.tips_waiting_for_review')}
          {queue.data ? <span className="count"> ({tips.length})</span> : null}
        </h1>
        <p className="hint">{tr('review.triage_was_not_sure_enough_to_decide_you')}</p>
        <p className="hint keys">
          <kbd>↑</kbd>
          <kbd>↓</kbd> {tr('review.or')} <kbd>j</kbd>
          <kbd>k</kbd> {tr('review.move')} · <kbd>a</kbd> {tr('review.accept')} · <kbd>r</kbd>{' '}
          {tr('review.reject')} · <kbd>Enter</kbd> {tr('review.confirm')} · <kbd>Esc</kbd>{' '}
          {tr('review.cancel')}
        </p>
        {note ? (
          <p
            className={note.kind === 'ok' ? 'success' : 'warning'}
            role="status"
            data-testid="review-status"
          >
            {note.text}
          </p>
        ) : null}
        <ErrorNote error={queue.error} />
      </Card>
      {queue.data && !tips.length ? (
        <Card>
          <p
            className="empty"
            ref={emptyRef}
            tabIndex={-1}
            role="status"
            data-testid="review-empty"
          >
            {tr('review.no_tip_is_waiting_for_review_new_ones_ap')}
          </p>
        </Card>
      ) : null}
      {tips.length ? (
        <ol className="review-list" aria-labelledby={headingId} onKeyDown={onKey}>
          {tips.map((t) => {
            const isCurrent = t.id === current?.id;
            const waitingFor = (now - Date.parse(t.receivedAt)) / 1000;
            return (
              <li key={t.id}>
                <article
                  ref={(el) => {
                    if (el) items.current.set(t.id, el);
                    else items.current.delete(t.id);
                  }}
                  tabIndex={isCurrent ? 0 : -1}
                  aria-current={isCurrent ? 'true' : undefined}
                  aria-labelledby={`rv-${t.id}`}
                  className={`card review-item ${isCurrent ? 'current' : ''}`}
                  data-testid="review-item"
                  data-reference={t.reference}
                  onFocus={() => setSelected(t.id)}
                  onClick={() => setSelected(t.id)}
                >
                  <header id={`rv-${t.id}`}>
                    <span className="mono">{t.reference}</span>
                    {t.triage?.urgent ? <UrgentBadge /> : null}
                    <span>{t.ward}</span>
                    <span>{ref?.categoryLabels[t.category]?.[lang] ?? t.category}</span>
                    <span>{label(CHANNELS, t.channel, lang)}</span>
                    <span>
                      {tr('review.received')} {dateTime(t.receivedAt, lang)} ({tr('review.waiting')}{' '}
                      {duration(waitingFor, lang)})
                    </span>
                  </header>
                  <p className="review-why" data-testid="review-reason">
                    {pick(t.triage?.reviewReasonText, lang) ||
                      t.triage?.reviewReason ||
                      tr('review.needs_a_person_to_decide')}
                  </p>
                  <p className="description">{t.description}</p>
                  <TriageReasons tip={t} lang={lang} />
                  {t.triage?.duplicateOf ? (
                    <p className="hint">{tr('review.may_repeat_another_tip_if_accepted_it_jo')}</p>
                  ) : null}
                  {open?.id === t.id ? (
                    <DecisionForm
                      key={open.decision}
                      tip={t}
                      decision={open.decision}
                      onCancel={cancel}
                      onDecided={(after) =>
                        leave(t, {
                          kind: 'ok',
                          text:
                            (open.decision === 'accept'
                              ? tr('review.accepted')
                              : tr('review.rejected')) +
                            ` ${t.reference} — ${label(STAGES, after.stage, lang)}`,
                        })
                      }
                      onConflict={() => {
                        leave(t, {
                          kind: 'conflict',
                          text: tr('review.someone_else_decided', { reference: t.reference }),
                        });
                        void queue.refetch();
                      }}
                    />
                  ) : isCurrent ? (
                    <div className="actions">
                      <button type="button" className="primary" onClick={() => start('accept', t)}>
                        {tr('review.accept_2')} <kbd>a</kbd>
                      </button>
                      <button type="button" className="danger" onClick={() => start('reject', t)}>
                        {tr('review.reject_2')} <kbd>r</kbd>
                      </button>
                    </div>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ol>
      ) : null}
    </div>
  );
}

/** By the inputs' names (react-hook-form finds a field by its name). */
interface DecisionValues {
  'review-reason': string;
  /** Text, as the number input holds it; empty: triage's priority stays. */
  'review-priority': string;
}

/** The reason (required) and, when accepting, a priority (optional); Enter sends, Esc cancels. */
function DecisionForm(props: {
  tip: TipView;
  decision: Decision;
  onCancel: () => void;
  onDecided: (tip: TipView) => void;
  onConflict: () => void;
}) {
  const { tr, lang } = useLang();
  const form = useForm<DecisionValues>({
    defaultValues: { 'review-reason': '', 'review-priority': '' },
  });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const rule = rules(tr);
  const accept = props.decision === 'accept';

  useEffect(() => form.setFocus('review-reason'), [form]);

  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      const after = await get(
        client.POST('/api/tips/{id}/review', {
          params: { path: { id: props.tip.id } },
          body: {
            decision: props.decision,
            reason: f['review-reason'],
            ...(accept && f['review-priority'].trim() !== ''
              ? { priority: Number(f['review-priority']) }
              : {}),
          },
        }),
      );
      props.onDecided(after);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return props.onConflict();
      // The API's messages under their fields, the focus on the first; anything else below.
      const names: Record<string, keyof DecisionValues> = {
        reason: 'review-reason',
        priority: 'review-priority',
      };
      setError(setServerErrors(form, err, names, lang, tr) ? null : asApiError(err));
    }
  });

  const onKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    }
  };

  return (
    <form
      className={`decision decision-${props.decision}`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKey}
      noValidate
      aria-label={
        accept
          ? tr('review.accept_ref', { reference: props.tip.reference })
          : tr('review.reject_ref', { reference: props.tip.reference })
      }
      data-testid="review-form"
    >
      <div className="row">
        <Field
          label={accept ? tr('review.why_accept_required') : tr('review.why_reject_required')}
          errors={errorsOf(errors, 'review-reason')}
          className="grow"
        >
          {(id, d) => (
            <input
              id={id}
              autoComplete="off"
              maxLength={500}
              aria-required="true"
              aria-describedby={d}
              {...form.register('review-reason', { validate: rule.text(3, 500) })}
            />
          )}
        </Field>
        {accept ? (
          <Field
            label={tr('review.priority_optional_0_100')}
            errors={errorsOf(errors, 'review-priority')}
          >
            {(id, d) => (
              <input
                id={id}
                type="number"
                min={0}
                max={100}
                step={1}
                inputMode="numeric"
                placeholder={String(props.tip.triage?.priority ?? '')}
                aria-describedby={d}
                {...form.register('review-priority', { validate: rule.integer(0, 100, true) })}
              />
            )}
          </Field>
        ) : null}
      </div>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className={accept ? 'primary' : 'danger'} disabled={isSubmitting}>
          {accept ? tr('review.accept_2') : tr('review.reject_the_tip')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>
          {tr('review.cancel_2')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
