import type { LocalizedTextDto } from '../../common/api/schemas.ts';
import { resolveLocalized } from '../../common/content.ts';
import { htmlLang } from '../../common/locales.ts';
import { useI18n } from '../i18n/locale.tsx';

/**
 * A content field in the reader's language. When only another language has text, that
 * text is shown with its own lang attribute so screen readers pronounce it right.
 */
export function Localized({ text }: { text: LocalizedTextDto | undefined }) {
  const { locale } = useI18n();
  const resolved = resolveLocalized(text, locale);
  if (!resolved) return null;
  if (resolved.locale === locale) return <>{resolved.text}</>;
  return <span lang={htmlLang(resolved.locale)}>{resolved.text}</span>;
}
