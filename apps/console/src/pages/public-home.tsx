import { Emergency, Privacy } from '../components/privacy';
import { useLang } from '../lib/i18n';
import { Link } from '../lib/router';

export function PublicHome() {
  const { L } = useLang();
  return (
    <div className="public">
      <Emergency />
      <section className="hero">
        <h1>{L('Báo tin tội phạm cho Công an Quận 4', 'Tell District 4 police about a crime')}</h1>
        <p>
          {L(
            'Bạn có thể gửi tin báo không cần tài khoản, có thể ẩn danh, và theo dõi kết quả bằng mã theo dõi.',
            'You can send a tip without an account, anonymously if you wish, and follow it up with a follow-up code.',
          )}
        </p>
        <div className="actions">
          <Link href="/tip" className="button primary">
            {L('Gửi tin báo', 'Send a tip')}
          </Link>
          <Link href="/follow-up" className="button">
            {L('Tôi đã có mã theo dõi', 'I have a follow-up code')}
          </Link>
          <Link href="/login" className="button subtle">
            {L('Cán bộ đăng nhập', 'Staff login')}
          </Link>
        </div>
      </section>
      <Privacy />
    </div>
  );
}
