import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAuth, useSession } from './auth';
import { canOpen, menuFor } from './menu';
import { ROLE_LABEL } from '../lib/session';

export function Layout() {
  const session = useSession();
  const { logout } = useAuth();
  const location = useLocation();
  const items = menuFor(session.user.role);
  const allowed = canOpen(session.user.role, location.pathname);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Menu utama">
        <div className="brand">
          Cakupan<span>Bansos</span>
        </div>
        <ul>
          {items.map((m) => (
            <li key={m.path}>
              {/* GraphiQL loads as its own document: the server gives that page the CSP its editor needs. */}
              <NavLink to={m.path} reloadDocument={m.path === '/graphiql'}>
                {m.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="who">
          <div className="who-name" data-testid="user-name">
            {session.user.username}
          </div>
          <div className="muted">
            {ROLE_LABEL[session.user.role]}
            {session.user.regionCode ? ` · wilayah ${session.user.regionCode}` : ''}
          </div>
          <button type="button" onClick={logout}>
            Keluar
          </button>
        </div>
      </nav>
      <main className="content">
        {allowed ? (
          <Outlet />
        ) : (
          <div className="error-box" role="alert">
            Halaman ini tidak tersedia untuk peran {ROLE_LABEL[session.user.role]}.
          </div>
        )}
      </main>
    </div>
  );
}
