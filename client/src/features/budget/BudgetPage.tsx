import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../app/auth';
import { ErrorBox, Loading, Empty } from '../../components/Status';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatPercent, formatRupiah } from '../../lib/format';
import { useDefaultYear } from '../map/useMapData';
import { yearOptions } from '../map/components/MapControls';
import { budgetBars, budgetTotals, monthlySeries, shortRegionName, stageSeries, sumStages } from '../region/region-series';
import {
  BudgetPageQuery,
  BudgetTimelineQuery,
  BudgetProvincesQuery,
  CompareSnapshotsQuery,
  CreateSnapshotMutation,
  SnapshotDetailQuery,
  SnapshotListQuery,
} from './budget.operations';
import { budgetViewToParams, defaultBudgetRegion, parseBudgetView, type BudgetView } from './budget-view';
import { BudgetBarsChart } from './components/BudgetBarsChart';
import { BudgetKpiTiles } from './components/BudgetKpiTiles';
import { StageChart } from './components/StageChart';
import { TimelineChart } from './components/TimelineChart';

export default function BudgetPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const view = parseBudgetView(params);
  const setView = (v: BudgetView) => setParams(budgetViewToParams(v));
  const defaultYear = useDefaultYear();
  const year = view.year ?? defaultYear;

  const provincesQ = useQuery(BudgetProvincesQuery, { variables: { year } });
  const within = view.within ?? defaultBudgetRegion(session.user.regionCode, provincesQ.data?.budgetRealisation ?? []);
  const programs = view.programs.length ? view.programs : null;
  const waitingForRegion = !view.within && !session.user.regionCode && !provincesQ.data;
  const liveQ = useQuery(BudgetPageQuery, {
    variables: { year, within, programs, stage: view.stage },
    skip: waitingForRegion || !!view.snapshot,
  });
  // Its own request: a failing or slow timeline leaves the rest of the page.
  const timelineQ = useQuery(BudgetTimelineQuery, {
    variables: { year, within, programs },
    skip: waitingForRegion || !!view.snapshot,
  });
  const snapshotsQ = useQuery(SnapshotListQuery, { variables: { within: null, year: null } });
  const snapQ = useQuery(SnapshotDetailQuery, { variables: { id: view.snapshot ?? '' }, skip: !view.snapshot });
  const compareQ = useQuery(CompareSnapshotsQuery, {
    variables: { a: view.compare ?? '', b: view.snapshot ?? '' },
    skip: !view.snapshot || !view.compare,
  });

  const snap = snapQ.data?.rakorevSnapshot ?? null;
  const regencyRows = snap ? snap.regencies : (liveQ.data?.regencies ?? []);
  const bars = useMemo(() => budgetBars(regencyRows), [regencyRows]);
  const totals = useMemo(() => budgetTotals(snap ? snap.totals : regencyRows), [snap, regencyRows]);
  const stages = useMemo(
    () => stageSeries(snap ? sumStages(snap.totals.map((t) => t.stages)) : (liveQ.data?.budgetByStage ?? [])),
    [snap, liveQ.data],
  );
  const timeline = useMemo(
    () => (snap ? [] : monthlySeries(timelineQ.data?.disbursementTimeline ?? [], totals.allocated)),
    [snap, timelineQ.data, totals.allocated],
  );
  const largest = snap
    ? [...snap.regencies]
        .filter((r) => r.outstanding > 0)
        .sort((a, b) => b.outstanding - a.outstanding)
        .slice(0, 5)
    : (liveQ.data?.largestOutstanding ?? []);
  const provinceName = provincesQ.data?.budgetRealisation.find((p) => p.region.code === within?.slice(0, 2))?.region.name;
  const error = provincesQ.error ?? liveQ.error ?? snapQ.error ?? compareQ.error;
  const loading = liveQ.loading || snapQ.loading || (waitingForRegion && provincesQ.loading);

  return (
    <div className="page" data-testid="budget-page">
      <header className="page-head">
        <div>
          <h1>Realisasi Anggaran</h1>
          <div className="muted">
            {snap
              ? `Snapshot "${snap.title}" (dibekukan ${formatDateTime(snap.createdAt)})`
              : `${provinceName ?? within ?? 'Indonesia'} · tahun ${year}`}
          </div>
        </div>
        <div className="controls">
          <label>
            Tahun
            <select name="year" value={year} disabled={!!snap} onChange={(e) => setView({ ...view, year: Number(e.target.value) })}>
              {yearOptions(year).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            Provinsi
            <select
              name="within"
              value={within?.slice(0, 2) ?? ''}
              disabled={!!snap || !!session.user.regionCode}
              onChange={(e) => setView({ ...view, within: e.target.value || null })}
            >
              {(provincesQ.data?.budgetRealisation ?? [])
                .filter((p) => p.allocated > 0 || p.region.code === within?.slice(0, 2))
                .map((p) => (
                  <option key={p.region.code} value={p.region.code}>
                    {p.region.name}
                  </option>
                ))}
              {within && !provincesQ.data?.budgetRealisation.some((p) => p.region.code === within.slice(0, 2)) && (
                <option value={within.slice(0, 2)}>{within}</option>
              )}
            </select>
          </label>
          <label>
            Tahap
            <select
              name="stage"
              value={view.stage ?? ''}
              disabled={!!snap}
              onChange={(e) => setView({ ...view, stage: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">Semua tahap</option>
              {[1, 2, 3, 4].map((s) => (
                <option key={s} value={s}>
                  Tahap {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Snapshot
            <select
              name="snapshot"
              data-testid="snapshot-picker"
              value={view.snapshot ?? ''}
              onChange={(e) => setView({ ...view, snapshot: e.target.value || null, compare: null })}
            >
              <option value="">Data terkini</option>
              {(snapshotsQ.data?.rakorevSnapshots ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} ({s.year}
                  {s.quarter ? `, TW ${s.quarter}` : ''})
                </option>
              ))}
            </select>
          </label>
          {snap && (
            <label>
              Bandingkan dengan
              <select name="compare" value={view.compare ?? ''} onChange={(e) => setView({ ...view, compare: e.target.value || null })}>
                <option value="">—</option>
                {(snapshotsQ.data?.rakorevSnapshots ?? [])
                  .filter((s) => s.id !== snap.id)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
              </select>
            </label>
          )}
        </div>
      </header>
      {error && <ErrorBox error={error} />}
      {loading && <Loading />}
      <div className="kpis wide">
        <BudgetKpiTiles totals={totals} />
      </div>
      <section className="card">
        <h2>Pagu dan realisasi per kab/kota</h2>
        {bars.length > 0 ? <BudgetBarsChart rows={bars} /> : !loading && <Empty>Tidak ada pagu untuk pilihan ini.</Empty>}
      </section>
      <div className="grid-2">
        <section className="card">
          <h2>Per tahap</h2>
          {stages.length > 0 ? <StageChart stages={stages} /> : <Empty>Belum ada baris anggaran per tahap.</Empty>}
        </section>
        <section className="card">
          <h2>Sisa terbesar</h2>
          <table className="table" data-testid="largest-outstanding">
            <thead>
              <tr>
                <th>Kab/Kota</th>
                <th className="num">Pagu</th>
                <th className="num">Sisa</th>
                <th className="num">Realisasi</th>
              </tr>
            </thead>
            <tbody>
              {largest.map((r) => (
                <tr key={r.region.code}>
                  <td>{shortRegionName(r.region.name)}</td>
                  <td className="num">{formatRupiah(r.allocated)}</td>
                  <td className="num strong">{formatRupiah(r.outstanding)}</td>
                  <td className="num">{formatPercent(r.realisationRate)}</td>
                </tr>
              ))}
              {largest.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    Tidak ada sisa anggaran.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>
      {!snap && (
        <section className="card">
          <h2>Penyaluran ke penerima dari waktu ke waktu</h2>
          {timelineQ.error && <ErrorBox error={timelineQ.error} />}
          {timeline.length > 0 ? (
            <TimelineChart points={timeline} />
          ) : (
            !timelineQ.loading && !timelineQ.error && <Empty>Belum ada pembayaran tercatat untuk tahun ini.</Empty>
          )}
        </section>
      )}
      {compareQ.data && <SnapshotComparison data={compareQ.data.compareRakorevSnapshots} />}
      {(session.user.role === 'ADMIN' || session.user.role === 'OPERATOR') && !snap && (
        <FreezeSnapshot year={year} within={within} onCreated={(id) => setView({ ...view, snapshot: id, compare: null })} />
      )}
    </div>
  );
}

function SnapshotComparison({
  data,
}: {
  data: {
    a: { title: string };
    b: { title: string };
    regencies: {
      region: { code: string; name: string };
      allocatedChange: number;
      disbursedChange: number;
      outstandingChange: number;
      realisationRateChange: number;
    }[];
  };
}) {
  const pp = (v: number) => `${v >= 0 ? '+' : ''}${formatPercent(v).replace('%', '')} poin`;
  const rp = (v: number) => `${v > 0 ? '+' : ''}${formatRupiah(v)}`;
  return (
    <section className="card">
      <h2>
        Perubahan: {data.a.title} → {data.b.title}
      </h2>
      <table className="table" data-testid="snapshot-compare">
        <thead>
          <tr>
            <th>Kab/Kota</th>
            <th className="num">Pagu</th>
            <th className="num">Tersalur</th>
            <th className="num">Sisa</th>
            <th className="num">Realisasi</th>
          </tr>
        </thead>
        <tbody>
          {data.regencies.map((r) => (
            <tr key={r.region.code}>
              <td>{shortRegionName(r.region.name)}</td>
              <td className="num">{rp(r.allocatedChange)}</td>
              <td className="num">{rp(r.disbursedChange)}</td>
              <td className="num">{rp(r.outstandingChange)}</td>
              <td className="num">{pp(r.realisationRateChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FreezeSnapshot({ year, within, onCreated }: { year: number; within: string | null; onCreated(id: string): void }) {
  const [title, setTitle] = useState('');
  const [quarter, setQuarter] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateSnapshotMutation, { refetchQueries: ['SnapshotList', 'BudgetYears'] });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      const { data } = await create({ variables: { title: title.trim(), year, quarter, within } });
      if (data) onCreated(data.createRakorevSnapshot.id);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }
  return (
    <section className="card">
      <h2>Bekukan angka untuk rakorev</h2>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Judul
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={`Triwulan III ${year}`} required />
        </label>
        <label>
          Triwulan
          <select value={quarter ?? ''} onChange={(e) => setQuarter(e.target.value ? Number(e.target.value) : null)}>
            <option value="">—</option>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          Tahun {year}, wilayah {within ?? 'Indonesia'}
        </span>
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Membekukan…' : 'Bekukan snapshot'}
        </button>
        {problem && (
          <span className="error" role="alert">
            {problem}
          </span>
        )}
      </form>
    </section>
  );
}
