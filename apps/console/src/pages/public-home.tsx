import { Emergency, Privacy } from '../components/privacy';
import { useLang } from '../lib/i18n';
import { Link } from '../lib/router';
import './public-home.css';

export function PublicHome() {
  const { tr } = useLang();
  return (
    <div className="public">
      <Emergency />
      <section className="hero">
        <h1>{tr('public-home.tell_district_4_police_about_a_crime')}</h1>
        <p>{tr('public-home.you_can_send_a_tip_without_an_account_an')}</p>
        <div className="actions">
          <Link href="/tip" className="button primary">
            {tr('public-home.send_a_tip')}
          </Link>
          <Link href="/follow-up" className="button">
            {tr('public-home.i_have_a_follow_up_code')}
          </Link>
          <Link href="/login" className="button subtle">
            {tr('public-home.staff_login')}
          </Link>
        </div>
      </section>
      <Privacy />
    </div>
  );
}
