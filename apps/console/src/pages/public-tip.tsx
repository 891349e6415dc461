import { AttachmentUploader, MetadataNote, sizeText } from '../components/attachments';
import { useState, type FormEvent } from 'react';
import { FollowUpCode } from '../components/follow-up-code';
import { ErrorNote, Field } from '../components/ui';
import { Emergency, Privacy } from '../components/privacy';
import { ApiError, client, get, type Schemas } from '../lib/api';
import { localInputToIso } from '../lib/format';
import { ACCEPT } from '../lib/upload';
import { useReference } from '../lib/hooks';
import { useLang } from '../lib/i18n';
import { Link } from '../lib/router';

type Accepted = Schemas['PublicTipAccepted'];

const EMPTY = {
  category: '',
  ward: '',
  description: '',
  occurredAt: '',
  address: '',
  name: '',
  phone: '',
  email: '',
};

/** The citizens' form: no account; the follow-up code is shown this once and never again. */
export function PublicTipPage() {
  const { L, lang } = useLang();
  const ref = useReference();
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Accepted | null>(null);
  // Files picked with the tip: sent once the tip is stored, with its code; a file that fails
  // never costs the tip.
  const [files, setFiles] = useState<File[]>([]);
  const [sentFiles, setSentFiles] = useState<File[]>([]);
  const set = (k: keyof typeof EMPTY) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const fields = error?.fields ?? {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const tipster = {
      ...(f.name.trim() ? { name: f.name.trim() } : {}),
      ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      ...(f.email.trim() ? { email: f.email.trim() } : {}),
    };
    try {
      const r = await get(
        client.POST('/api/public/tips', {
          body: {
            channel: 'web',
            // The pickers offer GET /api/reference's lists; the API answers 400 to anything else.
            category: f.category as Schemas['Category'],
            ward: f.ward as Schemas['Ward'],
            description: f.description,
            ...(f.occurredAt ? { occurredAt: localInputToIso(f.occurredAt) } : {}),
            ...(f.address.trim() ? { location: { address: f.address.trim() } } : {}),
            ...(Object.keys(tipster).length ? { tipster } : {}),
          },
        }),
      );
      setF(EMPTY);
      setSentFiles(files);
      setFiles([]);
      setDone(r);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="narrow">
        <section className="card success" aria-live="polite">
          <h1>{L('Đã nhận tin báo của bạn', 'We have your tip')}</h1>
          <p>
            {L('Số tham chiếu', 'Reference')}:{' '}
            <strong data-testid="public-reference">{done.reference}</strong>
          </p>
          <p>{L('Mã theo dõi của bạn', 'Your follow-up code')}:</p>
          <p className="code">
            <FollowUpCode code={done.followUpCode} large testId="follow-up-code" />
          </p>
          <p className="warning">
            {L(
              'Hãy chép lại mã này ngay. Mã chỉ hiện một lần; chúng tôi không lưu được bản đọc được và không gửi lại được. Với mã này bạn xem được tình trạng và nhắn tin với cán bộ, không cần cho biết danh tính.',
              'Write this code down now. It is shown only this once; we keep no readable copy and cannot send it again. With it you can see the status and message the officers without telling who you are.',
            )}
          </p>
          <h2>{L('Ảnh, video, tài liệu', 'Photos, videos, documents')}</h2>
          <MetadataNote />
          <AttachmentUploader
            path="/api/public/tips/attachments"
            code={done.followUpCode}
            initial={sentFiles}
          />
          <div className="actions">
            <Link href="/follow-up" className="button primary">
              {L('Đến trang theo dõi', 'Go to follow-up')}
            </Link>
            <button
              type="button"
              onClick={() => {
                setSentFiles([]);
                setDone(null);
              }}
            >
              {L('Gửi tin báo khác', 'Send another tip')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="two-col">
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{L('Gửi tin báo', 'Send a tip')}</h1>
        <Emergency />
        <p className="hint">
          {L(
            'Không cần tài khoản. Bạn có thể để trống mọi thông tin về bản thân.',
            'No account needed. You may leave everything about yourself empty.',
          )}
        </p>
        <div className="row">
          <Field label={L('Loại việc', 'Kind of crime')} errors={fields.category}>
            {(id, d) => (
              <select
                id={id}
                name="category"
                aria-describedby={d}
                value={f.category}
                onChange={(e) => set('category')(e.target.value)}
              >
                <option value="">{L('— Chọn —', '— Choose —')}</option>
                {ref?.categories.map((c) => (
                  <option key={c} value={c}>
                    {ref.categoryLabels[c]?.[lang] ?? c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={L('Phường', 'Ward')} errors={fields.ward}>
            {(id, d) => (
              <select
                id={id}
                name="ward"
                aria-describedby={d}
                value={f.ward}
                onChange={(e) => set('ward')(e.target.value)}
              >
                <option value="">{L('— Chọn —', '— Choose —')}</option>
                {ref?.wards.map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label={L('Bạn thấy hoặc biết điều gì?', 'What did you see or learn?')}
          errors={fields.description}
          hint={L(
            'Ở đâu, khi nào, ai, làm gì. Càng cụ thể càng tốt.',
            'Where, when, who, what. The more precise the better.',
          )}
        >
          {(id, d) => (
            <textarea
              id={id}
              name="description"
              rows={6}
              aria-describedby={d}
              value={f.description}
              onChange={(e) => set('description')(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <Field label={L('Khi nào (nếu biết)', 'When (if known)')} errors={fields.occurredAt}>
            {(id, d) => (
              <input
                id={id}
                name="occurredAt"
                type="datetime-local"
                aria-describedby={d}
                value={f.occurredAt}
                onChange={(e) => set('occurredAt')(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={L('Địa chỉ (nếu biết)', 'Address (if known)')}
            errors={fields['location.address']}
          >
            {(id, d) => (
              <input
                id={id}
                name="address"
                aria-describedby={d}
                value={f.address}
                onChange={(e) => set('address')(e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{L('Liên hệ (không bắt buộc)', 'Contact (optional)')}</legend>
          <p className="hint">
            {L(
              'Chỉ điền nếu bạn muốn cán bộ có thể liên hệ. Thông tin này được mã hóa.',
              'Only if you want officers to be able to reach you. It is encrypted.',
            )}
          </p>
          <div className="row">
            <Field label={L('Họ tên', 'Name')} errors={fields['tipster.name']}>
              {(id, d) => (
                <input
                  id={id}
                  name="name"
                  autoComplete="off"
                  aria-describedby={d}
                  value={f.name}
                  onChange={(e) => set('name')(e.target.value)}
                />
              )}
            </Field>
            <Field label={L('Số điện thoại', 'Phone')} errors={fields['tipster.phone']}>
              {(id, d) => (
                <input
                  id={id}
                  name="phone"
                  type="tel"
                  autoComplete="off"
                  aria-describedby={d}
                  value={f.phone}
                  onChange={(e) => set('phone')(e.target.value)}
                />
              )}
            </Field>
            <Field label="Email" errors={fields['tipster.email']}>
              {(id, d) => (
                <input
                  id={id}
                  name="email"
                  type="email"
                  autoComplete="off"
                  aria-describedby={d}
                  value={f.email}
                  onChange={(e) => set('email')(e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>
            {L('Ảnh, video, tài liệu (không bắt buộc)', 'Photos, videos, documents (optional)')}
          </legend>
          <MetadataNote />
          <input
            type="file"
            multiple
            accept={ACCEPT}
            name="attachments"
            data-testid="public-files"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          {files.length ? (
            <ul className="hint">
              {files.map((file) => (
                <li key={file.name}>
                  {file.name} · {sizeText(file.size)}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="hint">
            {L(
              'Tệp được gửi ngay sau tin báo, kèm thanh tiến trình. Nếu một tệp lỗi, tin báo vẫn được giữ.',
              'Files are sent right after the tip, with a progress bar. If a file fails, the tip is still kept.',
            )}
          </p>
        </fieldset>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {L('Gửi tin báo', 'Send the tip')}
        </button>
      </form>
      <Privacy />
    </div>
  );
}
