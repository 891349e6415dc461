import { useLang } from '../lib/i18n';

/** What TipTrace keeps about a citizen who sends a tip, and what it does not. */
export function Privacy() {
  const { L } = useLang();
  return (
    <section className="card privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{L('Chúng tôi lưu gì về bạn', 'What we keep about you')}</h2>
      <h3>{L('Chúng tôi lưu', 'We keep')}</h3>
      <ul>
        <li>
          {L(
            'Nội dung tin báo, loại việc, phường và thời gian bạn gửi, để cán bộ xác minh.',
            'What you report, its kind, the ward and when you sent it, so officers can check it.',
          )}
        </li>
        <li>
          {L(
            'Thông tin liên hệ chỉ khi bạn tự điền. Nó được mã hóa; chỉ cán bộ chỉ huy mở được, phải ghi lý do, và mỗi lần mở đều được ghi lại.',
            'Contact details only if you give them. They are encrypted; only a supervisor can open them, must give a reason, and every opening is recorded.',
          )}
        </li>
        <li>
          {L(
            'Mã theo dõi chỉ được lưu ở dạng băm: chúng tôi không đọc lại được và không gửi lại được cho bạn.',
            'The follow-up code only as a hash: we cannot read it back or send it to you again.',
          )}
        </li>
        <li>
          {L(
            'Tin nhắn giữa bạn và cán bộ. Thông tin liên hệ và tin nhắn bị xóa sau một thời hạn kể từ khi vụ việc kết thúc, trừ khi vụ việc phải được giữ lại theo pháp luật.',
            'Messages between you and officers. Contact details and messages are deleted a set time after the case ends, unless the law requires the case to be kept.',
          )}
        </li>
      </ul>
      <h3>{L('Chúng tôi không lưu', 'We do not keep')}</h3>
      <ul>
        <li>
          {L(
            'Địa chỉ IP, trình duyệt hay thiết bị của bạn: không ghi vào nhật ký, không lưu cùng tin báo. Để chặn việc dò mã, chỉ một dạng băm của địa chỉ được đếm tạm thời, tối đa 15 phút.',
            'Your IP address, browser or device: not logged, not stored with the tip. To stop code guessing, only a hashed form of the address is counted, for at most 15 minutes.',
          )}
        </li>
        <li>
          {L(
            'Cookie theo dõi hay công cụ đo lường của bên thứ ba: trang này không tải gì từ nơi khác.',
            'Tracking cookies or third-party analytics: this page loads nothing from anywhere else.',
          )}
        </li>
      </ul>
      <p className="hint">
        {L(
          'Nếu có nguy hiểm ngay lúc này, hãy gọi 113.',
          'If there is danger right now, call 113.',
        )}
      </p>
    </section>
  );
}

/**
 * A tip line is not an emergency line: the number to call for danger now, first on every public
 * page and large enough to be seen, with a link a phone can dial.
 */
export function Emergency() {
  const { L } = useLang();
  return (
    <p className="emergency" role="note" data-testid="emergency">
      <strong>{L('Nguy hiểm ngay lúc này?', 'Danger right now?')}</strong>{' '}
      {L('Đừng gửi tin báo, hãy gọi', 'Do not send a tip, call')}{' '}
      <a href="tel:113" className="emergency-number">
        113
      </a>
    </p>
  );
}
