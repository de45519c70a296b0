import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadSession, saveSession, type Session } from '../lib/session';

interface AuthState {
  session: Session | null;
  login(session: Session): void;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the session; logs out by itself when the token's expiry passes. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());

  const login = useCallback((s: Session) => {
    saveSession(s);
    setSession(s);
  }, []);
  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
  }, []);

  useEffect(() => {
    if (!session) return;
    // setTimeout overflows past ~24.8 days; a token lives hours, but stay safe.
    const wait = Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1);
    const t = setTimeout(logout, Math.max(0, wait));
    return () => clearTimeout(t);
  }, [session, logout]);

  // Another tab logging in or out changes this one too.
  useEffect(() => {
    const onStorage = () => setSession(loadSession());
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo(() => ({ session, login, logout }), [session, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}

/** The logged-in session (inside the authenticated layout). */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session: the route must be behind <RequireAuth>.');
  return session;
}
