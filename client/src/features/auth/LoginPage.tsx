import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { makeSession } from '../../lib/session';
import { errorMessage } from '../../lib/errors';
import { LoginMutation } from './auth.operations';

export default function LoginPage() {
  const { session, login } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/peta';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [doLogin, { loading }] = useMutation(LoginMutation);

  if (session) return <Navigate to={from} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      const { data } = await doLogin({ variables: { username: username.trim(), password } });
      if (!data) throw new Error('Server tidak memberi jawaban.');
      const s = makeSession(data.login.token, data.login.user);
      if (!s) throw new Error('Token dari server tidak memiliki masa berlaku.');
      login(s);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} aria-label="Masuk">
        <h1>Portal Cakupan Bansos</h1>
        <p className="muted">Masuk untuk melihat cakupan bantuan sosial dan realisasi anggaran.</p>
        <label>
          Nama pengguna
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Kata sandi
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Memeriksa…' : 'Masuk'}
        </button>
      </form>
    </div>
  );
}
