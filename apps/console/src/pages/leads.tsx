import { useState, type FormEvent } from 'react';
import { TipCard } from '../components/tip-card';
import { Card, Empty, ErrorNote, Field } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { localInputToIso, nowForInput, timeLeft } from '../lib/format';
import { useLoad, useNow, useReference } from '../lib/hooks';
import { CASE_KINDS, label, SEVERITIES, useLang } from '../lib/i18n';
import { navigate } from '../lib/router';
import type { Session } from '../lib/session';
import type { CaseView, LeadView, Page, Reference, UserView } from '../lib/types';

/** The lead queue: claim the next lead (optionally by ward and category), then work it. */
export function LeadsPage({ session }: { session: Session }) {
  const { L, lang } = useLang();
  const ref = useReference();
  const [wards, setWards] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const me = useLoad(() => api<UserView>('GET', '/api/users/me'), [session.username]);
  const mine = useLoad(
    () => api<Page<LeadView>>('GET', '/api/leads?stage=claimed&limit=100'),
    [current],
    10_000,
  );
  const myLeads = (mine.data?.items ?? []).filter((l) => l.claimedBy === me.data?.id);

  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

  const claim = async () => {
    setError(null);
    setNote(null);
    try {
      const lead = await api<LeadView | null>('POST', '/api/leads/claim', {
        body: {
          ...(wards.length ? { wards } : {}),
          ...(categories.length ? { categories } : {}),
        },
      });
      if (!lead) setNote(L('Không còn manh mối nào đang chờ.', 'No open lead is waiting.'));
      else setCurrent(lead.id);
      mine.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };

  return (
    <div className="two-col narrow-left">
      <div>
        <Card title={L('Nhận manh mối', 'Claim a lead')}>
          <details>
            <summary>
              {L('Lọc theo phường', 'Filter by ward')} ({wards.length || L('tất cả', 'all')})
            </summary>
            <div className="checks">
              {ref?.wards.map((w) => (
                <label key={w}>
                  <input
                    type="checkbox"
                    name="claim-ward"
                    value={w}
                    checked={wards.includes(w)}
                    onChange={() => setWards(toggle(wards, w))}
                  />{' '}
                  {w}
                </label>
              ))}
            </div>
          </details>
          <details>
            <summary>
              {L('Lọc theo loại việc', 'Filter by category')} (
              {categories.length || L('tất cả', 'all')})
            </summary>
            <div className="checks">
              {ref?.categories.map((c) => (
                <label key={c}>
                  <input
                    type="checkbox"
                    name="claim-category"
                    value={c}
                    checked={categories.includes(c)}
                    onChange={() => setCategories(toggle(categories, c))}
                  />{' '}
                  {ref.categoryLabels[c]?.[lang] ?? c}
                </label>
              ))}
            </div>
          </details>
          <button type="button" className="primary" onClick={() => void claim()}>
            {L('Nhận manh mối tiếp theo', 'Claim next lead')}
          </button>
          {note ? <p className="note">{note}</p> : null}
          <ErrorNote error={error} />
        </Card>
        <Card title={L('Manh mối tôi đang giữ', 'Leads I hold')}>
          {myLeads.length ? (
            <ul className="list">
              {myLeads.map((l) => (
                <li key={l.id}>
                  <button
                    type="button"
                    className={`link ${l.id === current ? 'active' : ''}`}
                    onClick={() => setCurrent(l.id)}
                  >
                    {l.ward} · {ref?.categoryLabels[l.category]?.[lang] ?? l.category} ·{' '}
                    {L('ưu tiên', 'priority')} {l.priority}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{L('Không giữ manh mối nào.', 'None held.')}</Empty>
          )}
        </Card>
      </div>
      <div>
        {current ? (
          <LeadPanel
            key={current}
            id={current}
            reference={ref}
            onDone={(caseId) => {
              setCurrent(null);
              mine.reload();
              if (caseId) navigate(`/cases/${caseId}`);
            }}
          />
        ) : (
          <Card>
            <Empty>
              {L(
                'Bấm "Nhận manh mối tiếp theo" để nhận manh mối ưu tiên cao nhất.',
                'Press "Claim next lead" to take the highest-priority lead.',
              )}
            </Empty>
          </Card>
        )}
      </div>
    </div>
  );
}

function LeadPanel(props: {
  id: string;
  reference: Reference | null;
  onDone: (caseId: string | null) => void;
}) {
  const { L, lang } = useLang();
  const now = useNow();
  const lead = useLoad(() => api<LeadView>('GET', `/api/leads/${props.id}`), [props.id]);
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState('');
  const l = lead.data;

  const act = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
      return null;
    }
  };

  const renew = () =>
    act(async () => {
      await api('POST', `/api/leads/${props.id}/renew`);
      lead.reload();
    });
  const release = () =>
    act(async () => {
      await api('POST', `/api/leads/${props.id}/release`);
      props.onDone(null);
    });
  const linkTo = (caseId: string) =>
    act(async () => {
      const r = await api<{ case: CaseView }>('POST', `/api/leads/${props.id}/link`, {
        body: { caseId },
      });
      props.onDone(r.case.id);
    });
  const dismiss = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api('POST', `/api/leads/${props.id}/dismiss`, { body: { reason } });
      props.onDone(null);
    });
  };

  if (lead.error) return <ErrorNote error={lead.error} />;
  if (!l) return <p className="loading">{L('Đang tải…', 'Loading…')}</p>;
  const left = timeLeft(l.leaseExpiresAt, now);
  const lapsed = l.leaseExpiresAt ? Date.parse(l.leaseExpiresAt) <= now : true;
  const soon = l.leaseExpiresAt ? Date.parse(l.leaseExpiresAt) - now < 120_000 : false;

  return (
    <div data-testid="lead-panel">
      <Card
        title={
          <>
            {L('Manh mối', 'Lead')} · {l.ward} ·{' '}
            {props.reference?.categoryLabels[l.category]?.[lang] ?? l.category}
          </>
        }
      >
        <div className="lease">
          <span>
            {L('Ưu tiên', 'Priority')} <strong>{l.priority}</strong> ({L('hiện tại', 'now')}{' '}
            {l.effectivePriority})
          </span>
          {l.stage === 'claimed' ? (
            <span
              className={`timer ${lapsed ? 'lapsed' : soon ? 'soon' : ''}`}
              data-testid="lease-left"
            >
              {lapsed
                ? L('Hết thời hạn giữ', 'Lease ran out')
                : `${L('Còn giữ', 'Lease left')} ${left}`}
            </span>
          ) : (
            <span className="badge">{l.stage}</span>
          )}
          <button type="button" onClick={() => void renew()}>
            {L('Gia hạn', 'Renew')}
          </button>
          <button type="button" onClick={() => void release()}>
            {L('Trả lại hàng chờ', 'Release')}
          </button>
        </div>
        <ErrorNote error={error} />
      </Card>
      <Card title={`${L('Tin báo của manh mối', 'Tips of this lead')} (${l.tipIds.length})`}>
        {l.tipIds.map((id) => (
          <TipCard key={id} id={id} reference={props.reference} />
        ))}
      </Card>
      <Card title={L('Vụ việc có thể liên quan', 'Cases it may belong to')}>
        {l.suggestions.length ? (
          <ul className="suggestions">
            {l.suggestions.map((s) => (
              <Suggestion key={s.caseId} s={s} onLink={() => void linkTo(s.caseId)} />
            ))}
          </ul>
        ) : (
          <Empty>{L('Không có gợi ý.', 'No suggestions.')}</Empty>
        )}
      </Card>
      <NewCaseForm lead={l} reference={props.reference} onLinked={props.onDone} />
      <Card title={L('Đóng manh mối', 'Dismiss')}>
        <form onSubmit={dismiss}>
          <Field label={L('Lý do', 'Reason')} errors={error?.fields.reason}>
            {(id, d) => (
              <input
                id={id}
                name="dismiss-reason"
                aria-describedby={d}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="danger">
            {L('Đóng manh mối', 'Dismiss lead')}
          </button>
        </form>
      </Card>
    </div>
  );
}

function Suggestion(props: {
  s: { caseId: string; score: number; reasons: string[] };
  onLink: () => void;
}) {
  const { L } = useLang();
  const c = useLoad(() => api<CaseView>('GET', `/api/cases/${props.s.caseId}`), [props.s.caseId]);
  return (
    <li>
      <div>
        <strong>{c.data?.title ?? props.s.caseId}</strong>{' '}
        <span className="hint">
          {L('điểm', 'score')} {props.s.score.toFixed(2)}
        </span>
        <ul className="reasons">
          {props.s.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={props.onLink}>
        {L('Gắn vào vụ này', 'Link to this case')}
      </button>
    </li>
  );
}

function NewCaseForm(props: {
  lead: LeadView;
  reference: Reference | null;
  onLinked: (caseId: string) => void;
}) {
  const { L, lang } = useLang();
  const ref = props.reference;
  const [f, setF] = useState({
    title: '',
    kind: 'criminal',
    category: props.lead.category,
    severity: 'less_serious',
    ward: props.lead.ward,
    occurredAt: nowForInput(),
  });
  const [error, setError] = useState<ApiError | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const fe = (k: string) => error?.fields[`newCase.${k}`] ?? error?.fields[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ case: CaseView }>('POST', `/api/leads/${props.lead.id}/link`, {
        body: { newCase: { ...f, occurredAt: localInputToIso(f.occurredAt) } },
      });
      props.onLinked(r.case.id);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };

  return (
    <Card title={L('Mở vụ việc mới từ manh mối này', 'Open a new case from this lead')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={L('Tên vụ việc', 'Title')} errors={fe('title')}>
          {(id, d) => (
            <input
              id={id}
              name="case-title"
              aria-describedby={d}
              value={f.title}
              onChange={(e) => set('title')(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <Field label={L('Loại án', 'Kind')} errors={fe('kind')}>
            {(id) => (
              <select
                id={id}
                name="case-kind"
                value={f.kind}
                onChange={(e) => set('kind')(e.target.value)}
              >
                {(ref?.caseKinds ?? ['criminal', 'administrative']).map((k) => (
                  <option key={k} value={k}>
                    {label(CASE_KINDS, k, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={L('Mức độ', 'Severity')} errors={fe('severity')}>
            {(id) => (
              <select
                id={id}
                name="case-severity"
                value={f.severity}
                onChange={(e) => set('severity')(e.target.value)}
              >
                {(ref?.severities ?? []).map((s) => (
                  <option key={s} value={s}>
                    {label(SEVERITIES, s, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={L('Loại việc', 'Category')} errors={fe('category')}>
            {(id) => (
              <select
                id={id}
                name="case-category"
                value={f.category}
                onChange={(e) => set('category')(e.target.value)}
              >
                {(ref?.categories ?? []).map((c) => (
                  <option key={c} value={c}>
                    {ref?.categoryLabels[c]?.[lang] ?? c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          <Field label={L('Phường', 'Ward')} errors={fe('ward')}>
            {(id) => (
              <select
                id={id}
                name="case-ward"
                value={f.ward}
                onChange={(e) => set('ward')(e.target.value)}
              >
                {(ref?.wards ?? []).map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={L('Thời điểm xảy ra', 'Occurred at')} errors={fe('occurredAt')}>
            {(id, d) => (
              <input
                id={id}
                type="datetime-local"
                name="case-occurred"
                aria-describedby={d}
                value={f.occurredAt}
                onChange={(e) => set('occurredAt')(e.target.value)}
              />
            )}
          </Field>
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          {L('Mở vụ việc và gắn manh mối', 'Open the case and link the lead')}
        </button>
      </form>
    </Card>
  );
}
