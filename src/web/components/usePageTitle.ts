import { useEffect } from 'react';
import { useI18n } from '../i18n/locale.tsx';

export function usePageTitle(title: string | undefined): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
