import { useRef } from 'react';
import { Link } from 'react-router';
import { localize } from '../../common/content.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useHubs } from './hubs.tsx';

/** A disclosure listing every hub of the network; the current one is marked. */
export function HubSwitcher({ current }: { current: string | undefined }) {
  const { locale, t } = useI18n();
  const { data: hubs } = useHubs();
  const details = useRef<HTMLDetailsElement>(null);
  if (!hubs || hubs.length < 2) return null;
  const active = hubs.find((h) => h.slug === current) ?? hubs[0];
  return (
    <details
      className="hub-switcher"
      ref={details}
      data-testid="hub-switcher"
      onKeyDown={(e) => {
        // Escape closes the list and returns focus to its button, as in other menus.
        if (e.key === 'Escape' && details.current?.open) {
          details.current.removeAttribute('open');
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>
        <span className="visually-hidden">{t('header.hub')}: </span>
        {active ? localize(active.city, locale) : t('header.hub')}
      </summary>
      <ul>
        {hubs.map((h) => (
          <li key={h.id}>
            <Link
              to={`/${h.slug}`}
              aria-current={h.slug === active?.slug ? 'true' : undefined}
              onClick={() => details.current?.removeAttribute('open')}
            >
              {localize(h.name, locale)}
              <span className="hub-city">{localize(h.city, locale)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
