import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router-dom';
import { ProgramPicker } from '../../components/ProgramPicker';
import { Empty, ErrorBox, Loading } from '../../components/Status';
import { formatBytes, formatDate, formatDateTime, formatNumber, formatRupiah } from '../../lib/format';
import { errorMessage } from '../../lib/errors';
import { downloadWithAuth } from '../../lib/http';
import { usePrograms } from '../programs/usePrograms';
import { yearOptions } from '../map/components/MapControls';
import { HouseholdFlagsQuery, HouseholdsQuery, RegenciesQuery } from './households.operations';
import {
  householdFlags,
  householdsViewToParams,
  parseHouseholdsView,
  programSummary,
  toExportQuery,
  toHouseholdFilter,
  type HouseholdsView,
  type TriState,
} from './households-view';

const PAGE_SIZE = 50;

type HouseholdNode = NonNullable<ReturnType<typeof useHouseholds>['data']>['households']['edges'][number]['node'];

function useHouseholds(view: HouseholdsView, after: string | null) {
  return useQuery(HouseholdsQuery, {
    variables: { within: view.within, filter: toHouseholdFilter(view), first: PAGE_SIZE, after },
  });
}

export default function HouseholdsPage() {
  const [params, setParams] = useSearchParams();
  const view = parseHouseholdsView(params);
  // Cursor stack: the `after` of every page seen, so "Sebelumnya" goes back without offsets.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<string | null>(null);
  const setView = (v: HouseholdsView) => {
    setParams(householdsViewToParams(v));
    setCursors([null]);
    setSelected(null);
  };
  const after = cursors[cursors.length - 1];
  const { data, loading, error, refetch } = useHouseholds(view, after);
  const programs = usePrograms();
  const regencies = useQuery(RegenciesQuery);
  const [search, setSearch] = useState(view.search);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);

  const conn = data?.households;
  const rows = conn?.edges ?? [];
  const detail = rows.find((e) => e.node.noKk === selected)?.node ?? null;
  const pageNo = cursors.length;

  async function doExport(format: 'csv' | 'xlsx') {
    setExporting(format);
    setExportNote(null);
    try {
      const q = toExportQuery(view);
      const r = await downloadWithAuth(`/api/exports/households.${format}${q ? `?${q}` : ''}`, `rumah-tangga.${format}`);
      setExportNote(`Terunduh ${r.name} (${formatBytes(r.bytes)}).`);
    } catch (err) {
      setExportNote(errorMessage(err));
    } finally {
      setExporting(null);
    }
  }

  function submitSearch(e: FormEvent) {
    e.preventDefault();
    setView({ ...view, search: search.trim() });
  }

  const tri = (name: 'dtks' | 'aided', label: string, yes: string, no: string) => (
    <label>
      {label}
      <select name={name} value={view[name]} onChange={(e) => setView({ ...view, [name]: e.target.value as TriState })}>
        <option value="all">Semua</option>
        <option value="yes">{yes}</option>
        <option value="no">{no}</option>
      </select>
    </label>
  );

  return (
    <div className="page" data-testid="households-page">
      <header className="page-head">
        <div>
          <h1>Data Keluarga</h1>
          <div className="muted">NIK dan No. KK ditampilkan sesuai hak akses peran Anda.</div>
        </div>
        <div className="row">
          <button type="button" onClick={() => void doExport('csv')} disabled={!!exporting} data-testid="export-csv">
            {exporting === 'csv' ? 'Mengunduh…' : 'Ekspor CSV'}
          </button>
          <button type="button" onClick={() => void doExport('xlsx')} disabled={!!exporting} data-testid="export-xlsx">
            {exporting === 'xlsx' ? 'Mengunduh…' : 'Ekspor XLSX'}
          </button>
          {exportNote && (
            <span className="muted" role="status">
              {exportNote}
            </span>
          )}
        </div>
      </header>
      <div className="controls card">
        <form onSubmit={submitSearch} className="row">
          <label>
            Cari (NIK, No. KK atau nama)
            <input name="q" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="mis. 7501… atau Hulopi" />
          </label>
          <button type="submit">Cari</button>
        </form>
        <label>
          Wilayah
          <input
            key={view.within ?? ''}
            name="within"
            list="regency-codes"
            defaultValue={view.within ?? ''}
            placeholder="kode, mis. 75.01"
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v !== (view.within ?? '')) setView({ ...view, within: v || null });
            }}
          />
          <datalist id="regency-codes">
            {(regencies.data?.regions ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </datalist>
        </label>
        {tri('dtks', 'DTKS', 'Terdaftar DTKS', 'Di luar DTKS')}
        {tri('aided', 'Bantuan', 'Menerima', 'Tidak menerima')}
        <label>
          Jumlah program
          <select
            name="minPrograms"
            value={view.minPrograms ?? ''}
            onChange={(e) => setView({ ...view, minPrograms: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Semua</option>
            <option value="1">≥ 1</option>
            <option value="2">≥ 2 (ganda)</option>
            <option value="3">≥ 3</option>
          </select>
        </label>
        <label>
          Desil
          <select
            name="desil"
            value={view.desil.join(',')}
            onChange={(e) => setView({ ...view, desil: e.target.value ? e.target.value.split(',').map(Number) : [] })}
          >
            <option value="">Semua</option>
            <option value="1">1 (termiskin)</option>
            <option value="1,2">1–2</option>
            <option value="1,2,3,4">1–4</option>
          </select>
        </label>
        <label>
          Tahun
          <select
            name="year"
            value={view.year ?? ''}
            onChange={(e) => setView({ ...view, year: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Semua</option>
            {yearOptions(new Date().getFullYear()).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tahap
          <select
            name="stage"
            value={view.stage ?? ''}
            onChange={(e) => setView({ ...view, stage: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Semua</option>
            {[1, 2, 3, 4].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <ProgramPicker
          value={view.program ? [view.program] : []}
          options={programs}
          onChange={(p) => setView({ ...view, program: p[p.length - 1] ?? null })}
        />
      </div>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      <div className="split">
        <section className="card">
          <div className="row">
            <strong data-testid="households-total">{conn ? `${formatNumber(conn.totalCount)} keluarga` : '…'}</strong>
            <span className="muted">halaman {pageNo}</span>
            <button type="button" onClick={() => setCursors(cursors.slice(0, -1))} disabled={cursors.length <= 1 || loading}>
              ← Sebelumnya
            </button>
            <button
              type="button"
              onClick={() => conn?.pageInfo.endCursor && setCursors([...cursors, conn.pageInfo.endCursor])}
              disabled={!conn?.pageInfo.hasNextPage || loading}
            >
              Berikutnya →
            </button>
          </div>
          {loading && <Loading />}
          {conn && rows.length === 0 && <Empty>Tidak ada keluarga yang cocok dengan filter.</Empty>}
          {rows.length > 0 && (
            <table className="table" data-testid="households-table">
              <thead>
                <tr>
                  <th>No. KK</th>
                  <th>Kepala keluarga</th>
                  <th>Desa</th>
                  <th>DTKS</th>
                  <th className="num">Anggota</th>
                  <th>Program</th>
                  <th className="num">Nilai</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ node }) => {
                  const summary = programSummary(node.programs);
                  return (
                    <tr
                      key={node.noKk}
                      className={`clickable ${selected === node.noKk ? 'active' : ''}`}
                      onClick={() => setSelected(node.noKk)}
                    >
                      <td className="mono">{node.noKk}</td>
                      <td>{node.members[0]?.name ?? '—'}</td>
                      <td>{node.region.name}</td>
                      <td>
                        {node.dtks ? (
                          <span className="badge yes">DTKS{node.desil ? ` · D${node.desil}` : ''}</span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td className="num">{node.members.length}</td>
                      <td>{summary.map((s) => s.program).join(', ') || <span className="muted">—</span>}</td>
                      <td className="num">{formatRupiah(summary.reduce((t, s) => t + s.amount, 0))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" data-testid="household-detail">
          {detail ? (
            <HouseholdDetail household={detail} />
          ) : (
            <Empty>Pilih satu keluarga untuk melihat anggota, bantuan dan tandanya.</Empty>
          )}
        </section>
      </div>
    </div>
  );
}

function HouseholdDetail({ household: h }: { household: HouseholdNode }) {
  const flags = useMemo(() => householdFlags(h), [h]);
  const summary = useMemo(() => programSummary(h.programs), [h]);
  const masked = h.noKk.includes('*');
  const flagsQ = useQuery(HouseholdFlagsQuery, { variables: { noKk: h.noKk }, skip: masked });
  return (
    <div>
      <h2 className="mono">{h.noKk}</h2>
      <dl className="facts">
        <dt>Desa</dt>
        <dd>
          {h.region.name} <span className="muted">{h.region.code}</span>
        </dd>
        <dt>Alamat</dt>
        <dd>{h.address ?? '—'}</dd>
        <dt>DTKS</dt>
        <dd>{h.dtks ? `Ya${h.desil ? `, desil ${h.desil}` : ''}` : 'Tidak'}</dd>
      </dl>
      {flags.length > 0 && (
        <div className="reasons">
          {flags.map((f) => (
            <span key={f.key} className="badge flag">
              {f.label}
            </span>
          ))}
        </div>
      )}
      <h3>Anggota</h3>
      <table className="table">
        <thead>
          <tr>
            <th>NIK</th>
            <th>Nama</th>
            <th>Hubungan</th>
            <th>Lahir</th>
          </tr>
        </thead>
        <tbody>
          {h.members.map((m) => (
            <tr key={m.nik + m.name}>
              <td className="mono">
                {m.nik} {!m.nikValid && <span className="badge flag">tidak valid</span>}
              </td>
              <td>
                {m.name} {m.sex && <span className="muted">({m.sex})</span>}
              </td>
              <td>{m.relation ?? '—'}</td>
              <td>{formatDate(m.birthDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Bantuan diterima</h3>
      {summary.length === 0 ? (
        <p className="muted">Tidak ada pembayaran yang cocok dengan keluarga ini.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Program</th>
              <th>Tahun/tahap</th>
              <th className="num">Pembayaran</th>
              <th className="num">Nilai</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr key={s.program}>
                <td>
                  {s.program} <span className="muted">{s.name}</span>
                </td>
                <td>{s.stages.join(', ')}</td>
                <td className="num">{s.payments}</td>
                <td className="num">{formatRupiah(s.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!masked && (
        <>
          <h3>Tanda verivali</h3>
          {flagsQ.error && <ErrorBox error={flagsQ.error} />}
          {flagsQ.data && flagsQ.data.verivaliFlags.totalCount === 0 && <p className="muted">Tidak ada tanda.</p>}
          <ul>
            {(flagsQ.data?.verivaliFlags.edges ?? []).map(({ node: f }) => (
              <li key={f.id}>
                <span className={`badge ${f.open ? 'flag' : 'yes'}`}>{f.open ? 'terbuka' : 'selesai'}</span> {f.description}{' '}
                <span className="muted">
                  sejak {formatDateTime(f.firstSeenAt)}
                  {f.fixedAt ? `, selesai ${formatDateTime(f.fixedAt)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
