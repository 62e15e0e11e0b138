// On an event page, a sold-out date leads to its waiting list.
import { Link } from 'react-router';
import { useI18n } from '../i18n/locale.tsx';

export function WaitlistLink({ to, when }: { to: string; when: string }) {
  const { t } = useI18n();
  return (
    <Link className="button button-small button-secondary" to={to} data-testid="waitlist-link">
      {t('offers.waitlist.join')}
      <span className="visually-hidden"> — {when}</span>
    </Link>
  );
}
