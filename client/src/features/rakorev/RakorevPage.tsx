import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { KpiTile } from '../../components/KpiTile';
import { Empty, ErrorBox, Loading } from '../../components/Status';
import { formatDateTime, formatKK, formatPercent, formatRupiah } from '../../lib/format';
import { SnapshotDetailQuery, SnapshotListQuery } from '../budget/budget.operations';
import { BudgetBarsChart } from '../budget/components/BudgetBarsChart';
import { BudgetKpiTiles } from '../budget/components/BudgetKpiTiles';
import { StageChart } from '../budget/components/StageChart';
import { budgetBars, stageSeries, sumStages } from '../region/region-series';
import { deckKpis, exportName, outstandingRanking, slideKey, SLIDES } from './deck';
import { GapMapSlide } from './GapMapSlide';
import { exportDeckPdf, exportSlidePng } from './export';

const SLIDE_TITLES: Record<(typeof SLIDES)[number], string> = {
  ringkasan: 'Ringkasan',
  peta: 'Peta celah cakupan',
  realisasi: 'Realisasi anggaran',
  sisa: 'Sisa anggaran per kab/kota',
};

export default function RakorevPage({ fullscreen = false }: { fullscreen?: boolean }) {
  const [params] = useSearchParams();
  const id = params.get('snapshot');
  return fullscreen && id ? <Presentation id={id} /> : <SnapshotChooser />;
}

function SnapshotChooser() {
  const { data, loading, error } = useQuery(SnapshotListQuery, { variables: { within: null, year: null } });
  return (
    <div className="page" data-testid="rakorev-chooser">
      <header className="page-head">
        <div>
          <h1>Mode Rakorev</h1>
          <p className="muted">Presentasi layar penuh dari angka yang dibekukan untuk rapat koordinasi dan evaluasi.</p>
        </div>
      </header>
      {error && <ErrorBox error={error} />}
      {loading && <Loading />}
      {data && data.rakorevSnapshots.length === 0 && (
        <Empty>
          Belum ada snapshot. Bekukan angka di halaman <Link to="/anggaran">Realisasi Anggaran</Link>.
        </Empty>
      )}
      {data && data.rakorevSnapshots.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Judul</th>
              <th>Wilayah</th>
              <th>Tahun</th>
              <th>Dibekukan</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rakorevSnapshots.map((s) => (
              <tr key={s.id}>
                <td>{s.title}</td>
                <td>{s.within?.name ?? 'Indonesia'}</td>
                <td>
                  {s.year}
                  {s.quarter ? ` · TW ${s.quarter}` : ''}
                </td>
                <td>
                  {formatDateTime(s.createdAt)} {s.createdBy ? `oleh ${s.createdBy}` : ''}
                </td>
                <td>
                  <Link className="button primary" to={`/rakorev/tampil?snapshot=${encodeURIComponent(s.id)}`}>
                    Presentasikan
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Presentation({ id }: { id: string }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const index = Math.max(0, Math.min(SLIDES.length - 1, Number(params.get('slide') ?? '1') - 1 || 0));
  const setIndex = useCallback(
    (i: number) => {
      const p = new URLSearchParams(params);
      p.set('slide', String(i + 1));
      setParams(p, { replace: true });
    },
    [params, setParams],
  );
  const { data, loading, error } = useQuery(SnapshotDetailQuery, { variables: { id } });
  const slideRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const snap = data?.rakorevSnapshot ?? null;

  const exit = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    navigate('/rakorev');
  }, [navigate]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (busy) return;
      const next = slideKey(e.key, index, SLIDES.length);
      if (next === null) return;
      e.preventDefault();
      if (next === 'exit') exit();
      else setIndex(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, setIndex, exit, busy]);

  const kpis = useMemo(() => (snap ? deckKpis(snap.totals) : null), [snap]);
  const bars = useMemo(() => (snap ? budgetBars(snap.regencies) : []), [snap]);
  const stages = useMemo(() => (snap ? stageSeries(sumStages(snap.totals.map((t) => t.stages))) : []), [snap]);
  const ranking = useMemo(() => (snap ? outstandingRanking(snap.regencies) : []), [snap]);

  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <Loading label="Memuat snapshot…" />;
  if (!snap) return <Empty>Snapshot {id} tidak ditemukan.</Empty>;

  const name = exportName(snap.title);
  const run = async (label: string, job: () => Promise<void>) => {
    setBusy(label);
    setProblem(null);
    try {
      await job();
    } catch (err) {
      setProblem(`${label} gagal: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  const slide = SLIDES[index];

  return (
    <div className="rakorev" data-testid="rakorev">
      <div className="rakorev-bar">
        <span>
          <strong>{snap.title}</strong> · {snap.within?.name ?? 'Indonesia'} · {snap.year}
          {snap.quarter ? ` · Triwulan ${snap.quarter}` : ''}
        </span>
        <span className="muted" data-testid="slide-counter">
          {index + 1} / {SLIDES.length}
        </span>
        <button
          type="button"
          onClick={() => setIndex(Math.max(0, index - 1))}
          disabled={index === 0 || !!busy}
          aria-label="Slide sebelumnya"
        >
          ←
        </button>
        <button
          type="button"
          onClick={() => setIndex(Math.min(SLIDES.length - 1, index + 1))}
          disabled={index === SLIDES.length - 1 || !!busy}
          aria-label="Slide berikutnya"
        >
          →
        </button>
        <button type="button" onClick={() => void document.documentElement.requestFullscreen?.()}>
          Layar penuh
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() => void run('Ekspor PNG', () => exportSlidePng(slideRef.current!, `${name}-${index + 1}-${slide}.png`))}
        >
          PNG
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            void run('Ekspor PDF', () =>
              exportDeckPdf(
                SLIDES.length,
                async (i) => {
                  setIndex(i);
                  return slideRef;
                },
                `${name}.pdf`,
              ).then(() => setIndex(index)),
            )
          }
        >
          PDF
        </button>
        <button type="button" onClick={exit}>
          Keluar (Esc)
        </button>
        {busy && <span className="muted">{busy}…</span>}
        {problem && <span className="error">{problem}</span>}
      </div>
      <div className="slide-stage">
        <div className="slide" ref={slideRef} data-testid="slide" data-slide={slide}>
          <div className="slide-head">
            <h1>{SLIDE_TITLES[slide]}</h1>
            <div className="muted">
              {snap.title} · dibekukan {formatDateTime(snap.createdAt)}
            </div>
          </div>
          {slide === 'ringkasan' && kpis && (
            <div className="slide-body slide-summary" data-slide-ready="true">
              <p className="slide-lead">
                Realisasi <strong>{formatPercent(kpis.realisationRate)}</strong>: {formatRupiah(kpis.disbursed)} dari pagu{' '}
                {formatRupiah(kpis.allocated)}.
                {ranking.length > 0 && (
                  <>
                    {' '}
                    Sisa {formatRupiah(kpis.outstanding)}, terbesar di{' '}
                    {ranking
                      .slice(0, 3)
                      .map((r) => r.name)
                      .join(', ')}
                    .
                  </>
                )}
              </p>
              <div className="kpis big">
                <BudgetKpiTiles totals={kpis} />
                {kpis.coverage && (
                  <>
                    <KpiTile
                      label="KK DTKS"
                      value={formatKK(kpis.coverage.dtksHouseholds)}
                      note={`dari ${formatKK(kpis.coverage.households)}`}
                    />
                    <KpiTile
                      label="DTKS tanpa bantuan"
                      value={formatKK(kpis.coverage.unaidedDtksHouseholds)}
                      note={formatPercent(kpis.coverage.gapRate)}
                      tone="bad"
                    />
                    <KpiTile
                      label="Bantuan ganda"
                      value={formatKK(kpis.coverage.stackedHouseholds)}
                      note={`di luar DTKS: ${formatKK(kpis.coverage.aidedNonDtksHouseholds)}`}
                    />
                  </>
                )}
              </div>
            </div>
          )}
          {slide === 'peta' && <GapMapSlide within={snap.within?.code ?? null} regencies={snap.regencies} />}
          {slide === 'realisasi' && (
            <div className="slide-body grid-2" data-slide-ready="true">
              <BudgetBarsChart rows={bars} height={420} />
              <StageChart stages={stages} height={420} />
            </div>
          )}
          {slide === 'sisa' && (
            <div className="slide-body" data-slide-ready="true">
              <table className="table big" data-testid="outstanding-table">
                <thead>
                  <tr>
                    <th>Kab/Kota</th>
                    <th className="num">Pagu</th>
                    <th className="num">Sisa</th>
                    <th className="num">Bagian dari total sisa</th>
                    <th className="num">Realisasi</th>
                  </tr>
                </thead>
                <tbody>
                  {ranking.map((r, i) => (
                    <tr key={r.code} className={i < 3 ? 'highlight' : ''}>
                      <td>{r.name}</td>
                      <td className="num">{formatRupiah(r.allocated)}</td>
                      <td className="num strong">{formatRupiah(r.outstanding)}</td>
                      <td className="num">{formatPercent(r.share)}</td>
                      <td className="num">{formatPercent(r.realisationRate)}</td>
                    </tr>
                  ))}
                  {ranking.length === 0 && (
                    <tr>
                      <td colSpan={5}>Seluruh pagu telah tersalur.</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
