import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useI18n } from '../i18n/locale.tsx';
import { useFlash } from './flash.ts';
import { Header } from './Header.tsx';
import { hubSlugFromPath } from './paths.ts';
import { Notice } from './Status.tsx';

export function Layout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const flash = useFlash();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page's heading so screen
  // readers announce it and keyboard users start from the top of the content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    const target = heading ?? main.current;
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: false });
    }
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip.toMain')}
      </a>
      <Header hubSlug={hubSlugFromPath(pathname)} />
      <main id="main" ref={main} tabIndex={-1}>
        {flash && <Notice>{t(flash.key, flash.params)}</Notice>}
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="ornament-band" aria-hidden="true" />
        <p>{t('footer.about')}</p>
      </footer>
    </>
  );
}
