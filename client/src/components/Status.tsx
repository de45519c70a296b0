import { errorMessage } from '../lib/errors';

export function Loading({ label = 'Memuat…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden /> {label}
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <strong>Gagal memuat data.</strong> {errorMessage(error)}
      {retry && (
        <button type="button" onClick={retry}>
          Coba lagi
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}
