import { useLang } from '../lib/i18n';
import './privacy.css';

/** What TipTrace keeps about a citizen who sends a tip, and what it does not. */
export function Privacy() {
  const { tr } = useLang();
  return (
    <section className="card privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{tr('privacy.what_we_keep_about_you')}</h2>
      <h3>{tr('privacy.we_keep')}</h3>
      <ul>
        <li>{tr('privacy.what_you_report_its_kind_the_ward_and_wh')}</li>
        <li>{tr('privacy.contact_details_only_if_you_give_them_th')}</li>
        <li>{tr('privacy.the_follow_up_code_only_as_a_hash_we_can')}</li>
        <li>{tr('privacy.messages_between_you_and_officers_contac')}</li>
      </ul>
      <h3>{tr('privacy.we_do_not_keep')}</h3>
      <ul>
        <li>{tr('privacy.your_ip_address_browser_or_device_not_lo')}</li>
        <li>{tr('privacy.tracking_cookies_or_third_party_analytic')}</li>
      </ul>
      <p className="hint">{tr('privacy.if_there_is_danger_right_now_call_113')}</p>
    </section>
  );
}

/**
 * A tip line is not an emergency line: the number to call for danger now, first on every public
 * page and large enough to be seen, with a link a phone can dial.
 */
export function Emergency() {
  const { tr } = useLang();
  return (
    <p className="emergency" role="note" data-testid="emergency">
      <strong>{tr('privacy.danger_right_now')}</strong> {tr('privacy.do_not_send_a_tip_call')}{' '}
      <a href="tel:113" className="emergency-number">
        113
      </a>
    </p>
  );
}
