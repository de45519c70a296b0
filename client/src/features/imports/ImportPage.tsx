import { useCallback, useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useSession } from '../../app/auth';
import { formatBytes, formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { getJson, saveBlob, uploadWithProgress, type UploadProgress } from '../../lib/http';
import {
  errorsToCsv,
  IMPORT_KINDS,
  readImportAnswer,
  STATUS_LABEL,
  STATUS_SHORT,
  type ImportHistoryRow,
  type ImportKind,
  type ImportReport,
} from './import-report';

const SHOWN_ERRORS = 500;

export default function ImportPage() {
  const session = useSession();
  // The program catalogue is national: only ADMIN imports it (the server refuses an OPERATOR).
  const kinds = IMPORT_KINDS.filter((k) => k.kind !== 'programs' || session.user.role === 'ADMIN');
  const [kind, setKind] = useState<ImportKind>('households');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing' | 'done'>('idle');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const [strict, setStrict] = useState(false);
  const [history, setHistory] = useState<ImportHistoryRow[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const loadHistory = useCallback(() => {
    getJson<ImportHistoryRow[]>('/api/imports?limit=20')
      .then((rows) => {
        setHistory(rows);
        setHistoryError(null);
      })
      .catch((err: Error) => setHistoryError(err.message));
  }, []);
  useEffect(loadHistory, [loadHistory]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setReport(null);
    setProblem(null);
    setPhase('uploading');
    setProgress({ loaded: 0, total: file.size });
    const { done, abort } = uploadWithProgress(
      `/api/imports/${kind}`,
      file,
      (p) => {
        setProgress(p);
        // Upload finished: the server now parses, checks and merges in one transaction.
        if (p.loaded >= p.total) setPhase('processing');
      },
      strict ? { strict: '1' } : {},
    );
    abortRef.current = abort;
    try {
      const { status, body } = await done;
      const answer = readImportAnswer(status, body);
      if ('report' in answer) setReport(answer.report);
      else setProblem(answer.error);
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      abortRef.current = null;
      setPhase('done');
      loadHistory();
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) setFile(f);
  }

  const kindInfo = IMPORT_KINDS.find((k) => k.kind === kind)!;
  const pct = progress && progress.total > 0 ? progress.loaded / progress.total : 0;
  const busy = phase === 'uploading' || phase === 'processing';

  return (
    <div className="page" data-testid="import-page">
      <header className="page-head">
        <h1>Impor Data</h1>
      </header>
      <form className="card import-form" onSubmit={submit}>
        <label>
          Jenis data
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} disabled={busy}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <div className="muted">Kolom: {kindInfo.columns} (CSV, atau XLSX dengan judul kolom di baris pertama lembar pertama)</div>
        <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            disabled={busy}
          />
          {file ? (
            <span>
              {file.name} · {formatBytes(file.size)}
            </span>
          ) : (
            <span className="muted">atau seret berkas ke sini</span>
          )}
        </div>
        <label className="check">
          <span>
            <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} disabled={busy} /> Tolak seluruh berkas
            bila ada baris yang salah (ketat)
          </span>
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={!file || busy}>
            Unggah dan impor
          </button>
          {busy && (
            <button type="button" onClick={() => abortRef.current?.()} disabled={phase !== 'uploading'}>
              Batal
            </button>
          )}
        </div>
        {progress && phase !== 'idle' && (
          <div className="progress" data-testid="upload-progress">
            <progress max={1} value={pct} />
            <span>
              {phase === 'uploading' &&
                `Mengunggah ${formatPercent(pct, 0)} (${formatBytes(progress.loaded)} dari ${formatBytes(progress.total)})`}
              {phase === 'processing' && 'Terunggah. Server memeriksa dan memuat baris…'}
              {phase === 'done' && `Terunggah ${formatBytes(progress.total)}`}
            </span>
          </div>
        )}
      </form>
      {problem && (
        <div className="error-box" role="alert">
          {problem}
        </div>
      )}
      {report && <ReportView report={report} />}
      <section className="card">
        <h2>Riwayat impor</h2>
        {historyError && <div className="error-box">{historyError}</div>}
        {history && history.length === 0 && <p className="muted">Belum ada impor.</p>}
        {history && history.length > 0 && (
          <table className="table" data-testid="import-history">
            <thead>
              <tr>
                <th>Waktu</th>
                <th>Jenis</th>
                <th>Berkas</th>
                <th>Status</th>
                <th className="num">Diterima</th>
                <th className="num">Ditolak</th>
                <th>Oleh</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{formatDateTime(h.startedAt)}</td>
                  <td>{h.kind}</td>
                  <td>{h.fileName}</td>
                  <td>
                    <span className={`badge ${h.status}`}>{STATUS_SHORT[h.status] ?? h.status}</span>
                  </td>
                  <td className="num">{formatNumber(h.accepted)}</td>
                  <td className="num">{formatNumber(h.rejected)}</td>
                  <td>{h.username ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const shown = report.errors.slice(0, SHOWN_ERRORS);
  return (
    <section className="card" data-testid="import-report" data-status={report.status}>
      <h2>
        Hasil impor: <span className={`badge ${report.status}`}>{STATUS_LABEL[report.status]}</span>
      </h2>
      <div className="muted">
        {report.file} · jenis {report.kind}
      </div>
      {report.message && <p className={report.status === 'refused' ? 'error' : ''}>{report.message}</p>}
      <div className="kpis">
        <div className="kpi good">
          <div className="kpi-label">Baris diterima</div>
          <div className="kpi-value">{formatNumber(report.accepted)}</div>
        </div>
        <div className={`kpi ${report.rejected > 0 ? 'bad' : ''}`}>
          <div className="kpi-label">Baris ditolak</div>
          <div className="kpi-value">{formatNumber(report.rejected)}</div>
        </div>
        {report.invalidNik !== undefined && (
          <div className={`kpi ${report.invalidNik > 0 ? 'warn' : ''}`}>
            <div className="kpi-label">Diterima dengan NIK tidak valid</div>
            <div className="kpi-value">{formatNumber(report.invalidNik)}</div>
          </div>
        )}
      </div>
      {report.errors.length > 0 && (
        <>
          <div className="row">
            <h3>Kesalahan per baris</h3>
            <button
              type="button"
              onClick={() => saveBlob(new Blob([errorsToCsv(report.errors)], { type: 'text/csv' }), `kesalahan-${report.file}.csv`)}
            >
              Unduh daftar kesalahan (CSV)
            </button>
          </div>
          <table className="table" data-testid="import-errors">
            <thead>
              <tr>
                <th className="num">Baris</th>
                <th>Kolom</th>
                <th>Nilai</th>
                <th>Pesan</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <tr key={`${e.line}-${e.column}-${i}`}>
                  <td className="num">{e.line}</td>
                  <td>{e.column ?? '—'}</td>
                  <td className="mono">{e.value ?? ''}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(report.errorsOmitted ?? 0) > 0 && (
            <p className="muted">
              Server melaporkan {formatNumber(report.errors.length)} kesalahan pertama; {formatNumber(report.errorsOmitted ?? 0)} lainnya
              tidak dikirim.
            </p>
          )}
          {report.errors.length > shown.length && (
            <p className="muted">
              Menampilkan {formatNumber(shown.length)} dari {formatNumber(report.errors.length)} kesalahan; unduh CSV untuk semuanya.
            </p>
          )}
        </>
      )}
    </section>
  );
}
