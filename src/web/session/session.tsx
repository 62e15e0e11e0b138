import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { SessionDto, SessionUser } from '../../common/api/schemas.ts';
import type { Locale } from '../../common/locales.ts';
import type { Grants } from '../../common/permissions.ts';
import { api, get, onCsrfRefresh, onSessionLost, setCsrfToken } from '../api/client.ts';
import { storedLocale, useI18n } from '../i18n/locale.tsx';

interface Session {
  /** undefined while the first GET /session is in flight */
  user: SessionUser | null | undefined;
  /** Takes the session a sign-in, sign-up or invitation answer returned. */
  adopt: (session: SessionDto) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Changes the UI language, and the account's language when signed in. */
  changeLocale: (locale: Locale) => void;
}

const SessionContext = createContext<Session | null>(null);

export function grantsOf(user: SessionUser): Grants {
  return {
    networkAdmin: user.networkAdmin,
    hubRoles: Object.fromEntries(user.hubs.map((h) => [h.hubId, h.roles])),
  };
}

async function fetchSession(): Promise<SessionDto> {
  const s = await get<SessionDto>('/session');
  setCsrfToken(s.csrfToken);
  return s;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    const s = await fetchSession();
    setUser(s.user);
  }, []);

  useEffect(() => {
    onCsrfRefresh(async () => (await fetchSession()).csrfToken);
    onSessionLost(() => {
      refresh().catch(() => setUser(null));
    });
    refresh().catch(() => setUser(null));
  }, [refresh]);

  const adopt = useCallback(
    (s: SessionDto) => {
      setCsrfToken(s.csrfToken);
      setUser(s.user);
      if (!s.user) return;
      // A language chosen on this device wins and is saved to the account;
      // otherwise the account's language follows the person here.
      const chosen = storedLocale();
      if (!chosen) setLocale(s.user.locale);
      else if (chosen !== s.user.locale) {
        api<SessionUser>('PATCH', '/me', { locale: chosen }).then(setUser, () => {});
      }
    },
    [setLocale],
  );

  const signOut = useCallback(async () => {
    await api<void>('POST', '/auth/sign-out');
    setUser(null);
    await refresh().catch(() => {});
  }, [refresh]);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      if (user && user.locale !== next) {
        api<SessionUser>('PATCH', '/me', { locale: next }).then(setUser, () => {});
      }
    },
    [setLocale, user],
  );

  const value = useMemo<Session>(
    () => ({ user, adopt, signOut, refresh, changeLocale }),
    [user, adopt, signOut, refresh, changeLocale],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
