import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSession } from '../../app/auth';
import { CHART } from '../../components/charts';
import { Empty, ErrorBox, Loading } from '../../components/Status';
import { errorMessage } from '../../lib/errors';
import { formatDate, formatDateTime, formatKK, formatNumber, formatPercent, formatRupiah } from '../../lib/format';
import { isRegionCode } from '../map/regions';
import { usePrograms } from '../programs/usePrograms';
import { shortRegionName } from '../region/region-series';
import {
  CivilRiskQuery,
  FunnelQuery,
  PengaduanQuery,
  PossibleDuplicatesQuery,
  ReviewDuplicateMutation,
  SetPengaduanStatusMutation,
  SetUsulanStatusMutation,
  UsulanQuery,
  VerivaliQuery,
} from './quality.operations';
import {
  combineProgress,
  FLAG_KIND_LABEL,
  formatHours,
  funnelRows,
  PENGADUAN_CATEGORY_LABEL,
  PENGADUAN_STATUS_LABEL,
  pengaduanAction,
  USULAN_STATUS_LABEL,
  usulanActions,
} from './quality-series';

const TABS = [
  { id: 'ganda', label: 'Data ganda' },
  { id: 'kependudukan', label: 'Meninggal & pindah' },
  { id: 'usulan', label: 'Usulan DTKS' },
  { id: 'pengaduan', label: 'Pengaduan' },
  { id: 'verivali', label: 'Progres verivali' },
  { id: 'corong', label: 'Corong validasi ulang' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export default function QualityPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.id === params.get('tab'))?.id ?? 'ganda') as TabId;
  const rawWithin = params.get('within');
  const within = rawWithin && isRegionCode(rawWithin) ? rawWithin : session.user.regionCode;
  const canWrite = session.user.role === 'ADMIN' || session.user.role === 'OPERATOR';
  const set = (patch: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };
  return (
    <div className="page" data-testid="quality-page">
      <header className="page-head">
        <div>
          <h1>Kualitas Data & Alur Kerja</h1>
          <div className="muted">Data ganda, penerima meninggal atau pindah, usulan DTKS, pengaduan dan progres verivali.</div>
        </div>
        <div className="controls">
          <label>
            Wilayah (kode)
            <input
              key={within ?? ''}
              name="within"
              defaultValue={within ?? ''}
              placeholder="mis. 75 atau 75.01"
              onBlur={(e) => e.target.value.trim() !== (within ?? '') && set({ within: e.target.value.trim() || null })}
            />
          </label>
        </div>
      </header>
      <nav className="tabs row" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'primary' : ''}
            onClick={() => set({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {tab === 'ganda' && <DuplicatesTab within={within} canWrite={canWrite} />}
      {tab === 'kependudukan' && <CivilTab within={within} />}
      {tab === 'usulan' && <UsulanTab within={within} canWrite={canWrite} />}
      {tab === 'pengaduan' && <PengaduanTab within={within} canWrite={canWrite} />}
      {tab === 'verivali' && <VerivaliTab within={within} />}
      {tab === 'corong' && <FunnelTab within={within} />}
    </div>
  );
}

function usePager() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1],
    page: cursors.length,
    reset: () => setCursors([null]),
    back: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    next: (cursor: string | null | undefined) => cursor && setCursors((c) => [...c, cursor]),
  };
}

function Pager({
  pager,
  hasNext,
  endCursor,
  total,
  unit,
}: {
  pager: ReturnType<typeof usePager>;
  hasNext: boolean;
  endCursor: string | null | undefined;
  total: number;
  unit: string;
}) {
  return (
    <div className="row">
      <strong>
        {formatNumber(total)} {unit}
      </strong>
      <span className="muted">halaman {pager.page}</span>
      <button type="button" onClick={pager.back} disabled={pager.page <= 1}>
        ← Sebelumnya
      </button>
      <button type="button" onClick={() => pager.next(endCursor)} disabled={!hasNext}>
        Berikutnya →
      </button>
    </div>
  );
}

function DuplicatesTab({ within, canWrite }: { within: string | null; canWrite: boolean }) {
  const pager = usePager();
  const { data, loading, error, refetch } = useQuery(PossibleDuplicatesQuery, { variables: { within, first: 20, after: pager.after } });
  const [review] = useMutation(ReviewDuplicateMutation);
  const [note, setNote] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const conn = data?.possibleDuplicates;
  async function decide(nikA: string, nikB: string, verdict: 'SAME' | 'DIFFERENT') {
    setProblem(null);
    try {
      await review({ variables: { nikA, nikB, verdict, note: note[`${nikA}-${nikB}`] || null } });
      await refetch();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }
  return (
    <section className="card" data-testid="duplicates">
      <h2>Pasangan kemungkinan orang yang sama</h2>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {problem && <div className="error-box">{problem}</div>}
      {loading && <Loading />}
      {conn && (
        <Pager
          pager={pager}
          hasNext={conn.pageInfo.hasNextPage}
          endCursor={conn.pageInfo.endCursor}
          total={conn.totalCount}
          unit="pasangan"
        />
      )}
      {conn && conn.edges.length === 0 && <Empty>Tidak ada pasangan kemungkinan ganda di wilayah ini.</Empty>}
      {(conn?.edges ?? []).map(({ cursor, node: p }) => {
        const key = `${p.a.nik}-${p.b.nik}`;
        const masked = p.a.nik.includes('*') || p.b.nik.includes('*');
        return (
          <div key={cursor} className="card pair-card">
            <div className="row">
              <strong>Skor {formatPercent(p.score, 0)}</strong>
              <div className="reasons">
                {p.reasons.map((r) => (
                  <span key={r} className="badge">
                    {r}
                  </span>
                ))}
              </div>
            </div>
            <div className="pair">
              {[p.a, p.b].map((x) => (
                <div key={x.nik} className="person">
                  <div className="strong">{x.name}</div>
                  <div className="mono">{x.nik}</div>
                  <div>Lahir {formatDate(x.birthDate)}</div>
                  <div className="muted">
                    {x.region.name} · {x.region.code}
                  </div>
                </div>
              ))}
            </div>
            {canWrite && !masked && (
              <div className="row">
                <input
                  placeholder="catatan (opsional)"
                  value={note[key] ?? ''}
                  onChange={(e) => setNote({ ...note, [key]: e.target.value })}
                />
                <button type="button" onClick={() => void decide(p.a.nik, p.b.nik, 'SAME')}>
                  Orang yang sama
                </button>
                <button type="button" onClick={() => void decide(p.a.nik, p.b.nik, 'DIFFERENT')}>
                  Orang berbeda
                </button>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}

function CivilTab({ within }: { within: string | null }) {
  const { data, loading, error } = useQuery(CivilRiskQuery, { variables: { level: 'REGENCY', within } });
  const rows = data?.civilRegistryRisk ?? [];
  const total = rows.reduce(
    (t, r) => ({ d: t.d + r.deceasedRecipients, da: t.da + r.deceasedAmount, m: t.m + r.movedRecipients, ma: t.ma + r.movedAmount }),
    { d: 0, da: 0, m: 0, ma: 0 },
  );
  return (
    <section className="card">
      <h2>Penerima yang meninggal atau pindah</h2>
      {error && <ErrorBox error={error} />}
      {loading && <Loading />}
      <div className="kpis">
        <div className="kpi bad">
          <div className="kpi-label">Dibayar setelah meninggal</div>
          <div className="kpi-value">{formatNumber(total.d)} baris</div>
          <div className="kpi-note">{formatRupiah(total.da)}</div>
        </div>
        <div className="kpi warn">
          <div className="kpi-label">Dibayar setelah pindah kab/kota</div>
          <div className="kpi-value">{formatNumber(total.m)} baris</div>
          <div className="kpi-note">{formatRupiah(total.ma)}</div>
        </div>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Kab/Kota</th>
            <th className="num">Meninggal</th>
            <th className="num">Nilai</th>
            <th className="num">Pindah</th>
            <th className="num">Nilai</th>
            <th>Per program</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => r.deceasedRecipients + r.movedRecipients > 0)
            .map((r) => (
              <tr key={r.region.code}>
                <td>{shortRegionName(r.region.name)}</td>
                <td className="num">{formatNumber(r.deceasedRecipients)}</td>
                <td className="num">{formatRupiah(r.deceasedAmount)}</td>
                <td className="num">{formatNumber(r.movedRecipients)}</td>
                <td className="num">{formatRupiah(r.movedAmount)}</td>
                <td className="muted">{r.byProgram.map((p) => `${p.program}: ${p.deceasedRecipients + p.movedRecipients}`).join(', ')}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {data && total.d + total.m === 0 && <Empty>Tidak ada pembayaran setelah kematian atau perpindahan.</Empty>}
    </section>
  );
}

function UsulanTab({ within, canWrite }: { within: string | null; canWrite: boolean }) {
  const pager = usePager();
  const [status, setStatus] = useState<string>('');
  const { data, loading, error, refetch } = useQuery(UsulanQuery, {
    variables: { within, filter: status ? { status: status as 'DIUSULKAN' } : null, first: 30, after: pager.after },
  });
  const [setUsulan] = useMutation(SetUsulanStatusMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const summary = data?.usulanSummary ?? [];
  const chart = summary.filter((s) => s.total > 0).map((s) => ({ ...s, name: shortRegionName(s.region.name) }));
  async function move(id: string, to: 'DIVERIFIKASI' | 'DISETUJUI' | 'DITOLAK', needsNote: boolean) {
    setProblem(null);
    const note = needsNote ? window.prompt('Alasan / catatan:') : null;
    if (needsNote && !note) return;
    try {
      await setUsulan({ variables: { ids: [id], status: to, note } });
      await refetch();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }
  return (
    <section className="card">
      <h2>Usulan penambahan dan penghapusan DTKS</h2>
      {error && <ErrorBox error={error} />}
      {problem && <div className="error-box">{problem}</div>}
      {loading && <Loading />}
      {chart.length > 0 && (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={chart} margin={{ left: 8, right: 8, bottom: 30 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={11} interval={0} angle={-20} textAnchor="end" height={50} />
            <YAxis fontSize={11} />
            <Tooltip />
            <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="diusulkan" name="Diusulkan" stackId="s" fill={CHART.series[1]} isAnimationActive={false} />
            <Bar dataKey="diverifikasi" name="Diverifikasi" stackId="s" fill={CHART.series[4]} isAnimationActive={false} />
            <Bar dataKey="disetujui" name="Disetujui" stackId="s" fill={CHART.series[2]} isAnimationActive={false} />
            <Bar dataKey="ditolak" name="Ditolak" stackId="s" fill={CHART.series[5]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
      <div className="row">
        <label>
          Status
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              pager.reset();
            }}
          >
            <option value="">Semua</option>
            {Object.entries(USULAN_STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {data && (
          <Pager
            pager={pager}
            hasNext={data.usulanList.pageInfo.hasNextPage}
            endCursor={data.usulanList.pageInfo.endCursor}
            total={data.usulanList.totalCount}
            unit="usulan"
          />
        )}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Batch</th>
            <th>Jenis</th>
            <th>Keluarga</th>
            <th>Desa</th>
            <th>Alasan</th>
            <th>Status</th>
            <th>Diperbarui</th>
            {canWrite && <th />}
          </tr>
        </thead>
        <tbody>
          {(data?.usulanList.edges ?? []).map(({ node: u }) => (
            <tr key={u.id}>
              <td className="mono">{u.batch}</td>
              <td>{u.kind === 'ADDITION' ? 'Tambah' : 'Hapus'}</td>
              <td>
                {u.headName ?? '—'} <div className="mono muted">{u.noKk}</div>
              </td>
              <td>{u.region.name}</td>
              <td>{u.reasonLabel}</td>
              <td>
                <span className="badge">{USULAN_STATUS_LABEL[u.status] ?? u.status}</span>
              </td>
              <td>{formatDateTime(u.updatedAt)}</td>
              {canWrite && (
                <td>
                  {usulanActions(u.status).map((a) => (
                    <button key={a.to} type="button" onClick={() => void move(u.id, a.to, a.needsNote)}>
                      {a.label}
                    </button>
                  ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PengaduanTab({ within, canWrite }: { within: string | null; canWrite: boolean }) {
  const pager = usePager();
  const [status, setStatus] = useState<string>('');
  const { data, loading, error, refetch } = useQuery(PengaduanQuery, {
    variables: { within, filter: status ? { status: status as 'BARU' } : null, first: 30, after: pager.after },
  });
  const [setPengaduan] = useMutation(SetPengaduanStatusMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const summary = (data?.pengaduanSummary ?? []).filter((s) => s.total > 0);
  async function move(id: string, to: 'DIPROSES' | 'SELESAI', needsNote: boolean) {
    setProblem(null);
    const note = needsNote ? window.prompt('Tanggapan / penyelesaian:') : null;
    if (needsNote && !note) return;
    try {
      await setPengaduan({ variables: { id, status: to, note, fixFlags: to === 'SELESAI' } });
      await refetch();
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }
  return (
    <section className="card">
      <h2>Pengaduan masyarakat</h2>
      {error && <ErrorBox error={error} />}
      {problem && <div className="error-box">{problem}</div>}
      {loading && <Loading />}
      {summary.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Kab/Kota</th>
              <th className="num">Baru</th>
              <th className="num">Diproses</th>
              <th className="num">Selesai</th>
              <th className="num">Median tanggapan</th>
              <th className="num">Median selesai</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr key={s.region.code}>
                <td>{shortRegionName(s.region.name)}</td>
                <td className="num">{s.baru}</td>
                <td className="num">{s.diproses}</td>
                <td className="num">{s.selesai}</td>
                <td className="num">{formatHours(s.medianFirstResponseHours)}</td>
                <td className="num">{formatHours(s.medianResolutionHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <label>
          Status
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              pager.reset();
            }}
          >
            <option value="">Semua</option>
            {Object.entries(PENGADUAN_STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {data && (
          <Pager
            pager={pager}
            hasNext={data.pengaduanList.pageInfo.hasNextPage}
            endCursor={data.pengaduanList.pageInfo.endCursor}
            total={data.pengaduanList.totalCount}
            unit="pengaduan"
          />
        )}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Diterima</th>
            <th>Kategori</th>
            <th>Saluran</th>
            <th>Desa</th>
            <th>Uraian</th>
            <th>Status</th>
            {canWrite && <th />}
          </tr>
        </thead>
        <tbody>
          {(data?.pengaduanList.edges ?? []).map(({ node: c }) => {
            const action = pengaduanAction(c.status);
            return (
              <tr key={c.id}>
                <td>{formatDateTime(c.receivedAt)}</td>
                <td>{PENGADUAN_CATEGORY_LABEL[c.category] ?? c.category}</td>
                <td>{c.channel}</td>
                <td>{c.region.name}</td>
                <td>{c.description}</td>
                <td>
                  <span className="badge">{PENGADUAN_STATUS_LABEL[c.status] ?? c.status}</span>
                  {c.firstResponseHours !== null && <div className="muted">tanggap {formatHours(c.firstResponseHours)}</div>}
                </td>
                {canWrite && (
                  <td>
                    {action && (
                      <button type="button" onClick={() => void move(c.id, action.to, action.needsNote)}>
                        {action.label}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function VerivaliTab({ within }: { within: string | null }) {
  const { data, loading, error } = useQuery(VerivaliQuery, { variables: { within } });
  const regions = data?.verivaliProgress ?? [];
  const bars = regions
    .filter((r) => r.flagged > 0)
    .map((r) => ({ name: shortRegionName(r.region.name), fixed: r.fixed, open: r.open, rate: r.rate }));
  const series = useMemo(() => combineProgress(regions).map((p) => ({ ...p, label: formatDate(p.at) })), [regions]);
  const total = regions.reduce((t, r) => ({ flagged: t.flagged + r.flagged, fixed: t.fixed + r.fixed }), { flagged: 0, fixed: 0 });
  return (
    <section className="card" data-testid="verivali">
      <h2>Progres verivali: {formatPercent(total.flagged > 0 ? total.fixed / total.flagged : 0, 0)} selesai</h2>
      <div className="muted">
        {formatNumber(total.fixed)} dari {formatNumber(total.flagged)} catatan yang perlu diperbaiki sudah diperbaiki.
      </div>
      {error && <ErrorBox error={error} />}
      {loading && <Loading />}
      <div className="grid-2">
        <div>
          <h3>Per kab/kota</h3>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={bars} margin={{ left: 8, right: 8, bottom: 30 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" fontSize={11} interval={0} angle={-20} textAnchor="end" height={50} />
              <YAxis fontSize={11} />
              <Tooltip />
              <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="fixed" name="Sudah diperbaiki" stackId="v" fill={CHART.good} isAnimationActive={false} />
              <Bar dataKey="open" name="Belum" stackId="v" fill={CHART.outstanding} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div>
          <h3>Dari waktu ke waktu</h3>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={series} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis domain={[0, 1]} tickFormatter={(v) => formatPercent(Number(v), 0)} fontSize={11} />
              <Tooltip formatter={(v) => formatPercent(Number(v))} />
              <Line dataKey="rate" name="Selesai" stroke={CHART.disbursed} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Kab/Kota</th>
            {Object.values(FLAG_KIND_LABEL).map((l) => (
              <th key={l} className="num">
                {l}
              </th>
            ))}
            <th className="num">Selesai</th>
          </tr>
        </thead>
        <tbody>
          {regions
            .filter((r) => r.flagged > 0)
            .map((r) => (
              <tr key={r.region.code}>
                <td>{shortRegionName(r.region.name)}</td>
                {Object.keys(FLAG_KIND_LABEL).map((k) => {
                  const x = r.byKind.find((b) => b.kind === k);
                  return (
                    <td key={k} className="num">
                      {x ? `${x.fixed}/${x.flagged}` : '–'}
                    </td>
                  );
                })}
                <td className="num strong">{formatPercent(r.rate)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

function FunnelTab({ within }: { within: string | null }) {
  const programs = usePrograms();
  const [program, setProgram] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [quota, setQuota] = useState<number | null>(null);
  const { data, loading, error } = useQuery(FunnelQuery, {
    variables: { program: program || null, year, within, quota },
    skip: !program && year === null,
  });
  const rows = funnelRows(data?.revalidationFunnel ?? []);
  return (
    <section className="card" data-testid="funnel">
      <h2>Corong validasi ulang daftar JPS</h2>
      <div className="row">
        <label>
          Program
          <select value={program} onChange={(e) => setProgram(e.target.value)}>
            <option value="">— pilih —</option>
            {programs.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} · {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tahun
          <input type="number" value={year ?? ''} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)} />
        </label>
        <label>
          Kuota (KK)
          <input type="number" value={quota ?? ''} onChange={(e) => setQuota(e.target.value ? Number(e.target.value) : null)} />
        </label>
      </div>
      {!program && year === null && <Empty>Pilih program dan tahun daftar JPS.</Empty>}
      {error && <ErrorBox error={error} />}
      {loading && <Loading />}
      {rows.length > 0 && (
        <ResponsiveContainer width="100%" height={60 + rows.length * 44}>
          <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 40 }}>
            <XAxis type="number" fontSize={11} />
            <YAxis type="category" dataKey="label" width={260} fontSize={12} />
            <Tooltip formatter={(v) => formatKK(Number(v))} />
            <Bar dataKey="households" name="KK" isAnimationActive={false} label={{ position: 'right', fontSize: 12 }}>
              {rows.map((r) => (
                <Cell key={r.step} fill={r.step === 'REVALIDATE' ? CHART.outstanding : CHART.good} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </section>
  );
}
