import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { KpiTile } from '../../components/KpiTile';
import { ErrorBox, Loading } from '../../components/Status';
import { CHART } from '../../components/charts';
import { formatKK, formatNumber, formatPercent, formatRupiah, formatRupiahShort } from '../../lib/format';
import { worstRegions, type LayerDef, type RegionFigures } from '../map/layers';
import { levelOfCode } from '../map/regions';
import { useAncestors } from '../map/useAncestors';
import { useDefaultYear } from '../map/useMapData';
import { toAidFilter, type MapView } from '../map/view-state';
import { budgetTotals, dtksSplit, programMix, shortRegionName, stageSeries, sumCoverage } from './region-series';
import { RegionBudgetQuery, RegionCoverageQuery, RegionTimelineQuery } from './region.operations';

interface Props {
  view: MapView;
  figures: ReadonlyMap<string, RegionFigures> | null;
  layer: LayerDef;
  onPick(code: string): void;
}

const money = (v: unknown) => formatRupiah(Number(v));

/** Key figures and charts of the selected region (or of the view's region), and its worst sub-regions on the current layer. */
export default function RegionPanel({ view, figures, layer, onPick }: Props) {
  const code = view.selected ?? view.within;
  const chain = useAncestors(code);
  const defaultYear = useDefaultYear();
  const year = view.filter.year ?? defaultYear;
  const name = code ? (chain[chain.length - 1]?.name ?? code) : 'Indonesia';
  const programs = view.filter.programs.length > 0 ? view.filter.programs : null;
  const { data, loading, error, refetch } = useQuery(RegionBudgetQuery, {
    variables: { year, level: code ? levelOfCode(code) : 'PROVINCE', within: code, programs, stage: view.filter.stage },
  });
  const coverageQ = useQuery(RegionCoverageQuery, {
    variables: { level: code ? levelOfCode(code) : 'PROVINCE', within: code, filter: toAidFilter(view.filter) },
  });
  const timelineQ = useQuery(RegionTimelineQuery, { variables: { year, within: code, programs } });

  const cov = useMemo(() => (coverageQ.data ? sumCoverage(coverageQ.data.coverage) : null), [coverageQ.data]);
  const split = useMemo(() => (cov ? dtksSplit(cov) : []), [cov]);
  const totals = useMemo(() => budgetTotals(data?.budgetRealisation ?? []), [data]);
  const stages = useMemo(() => stageSeries(data?.budgetByStage ?? []), [data]);
  const mix = useMemo(() => programMix(timelineQ.data?.disbursementTimeline ?? []), [timelineQ.data]);
  const worst = useMemo(() => (figures && !view.selected ? worstRegions(figures.values(), layer, 5) : []), [figures, layer, view.selected]);

  return (
    <aside className="panel" data-testid="region-panel" aria-label={`Ringkasan ${name}`}>
      <h2>{name}</h2>
      <div className="muted">
        {code ?? 'Seluruh provinsi'} · tahun anggaran {year}
      </div>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {coverageQ.error && <ErrorBox error={coverageQ.error} retry={() => void coverageQ.refetch()} />}
      {cov && (
        <>
          <div className="kpis" data-testid="coverage-kpis">
            <KpiTile label="Keluarga" value={formatKK(cov.households)} note={`DTKS ${formatKK(cov.dtksHouseholds)}`} />
            <KpiTile
              label="DTKS tanpa bantuan"
              value={formatKK(cov.unaidedDtksHouseholds)}
              note={cov.dtksHouseholds > 0 ? formatPercent(cov.unaidedDtksHouseholds / cov.dtksHouseholds) : undefined}
              tone="bad"
            />
            <KpiTile label="Bantuan ganda" value={formatKK(cov.stackedHouseholds)} note="≥ 2 program" tone="warn" />
            <KpiTile label="Nilai bantuan" value={formatRupiah(cov.aidAmount)} note={`${formatKK(cov.aidedHouseholds)} penerima`} />
          </div>
          <section>
            <h3>DTKS menerima vs tanpa bantuan</h3>
            <ResponsiveContainer width="100%" height={130}>
              <BarChart data={split} layout="vertical" margin={{ left: 8, right: 16 }}>
                <XAxis type="number" fontSize={11} tickFormatter={(v) => formatNumber(Number(v))} />
                <YAxis type="category" dataKey="label" width={130} fontSize={11} />
                <Tooltip formatter={(v) => formatKK(Number(v))} />
                <Bar dataKey="value" name="KK" isAnimationActive={false}>
                  {split.map((d) => (
                    <Cell key={d.key} fill={d.key === 'unaided-dtks' ? CHART.gap : d.key === 'aided-dtks' ? CHART.good : CHART.neutral} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </section>
        </>
      )}
      {timelineQ.error && <ErrorBox error={timelineQ.error} retry={() => void timelineQ.refetch()} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <div className="kpis">
            <KpiTile label="Pagu" value={formatRupiah(totals.allocated)} />
            <KpiTile label="Tersalur" value={formatRupiah(totals.disbursed)} note={formatPercent(totals.realisationRate)} />
            <KpiTile label="Sisa" value={formatRupiah(totals.outstanding)} tone={totals.outstanding > 0 ? 'warn' : undefined} />
          </div>
          {stages.length > 0 && (
            <section>
              <h3>Per tahap</h3>
              <ResponsiveContainer width="100%" height={180}>
                <BarChart data={stages} margin={{ left: 8, right: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" fontSize={11} />
                  <YAxis tickFormatter={formatRupiahShort} fontSize={11} width={52} />
                  <Tooltip formatter={money} />
                  <Legend itemSorter={null} wrapperStyle={{ fontSize: 11 }} />
                  <Bar dataKey="allocated" name="Pagu" fill={CHART.allocated} isAnimationActive={false} />
                  <Bar dataKey="disbursed" name="Tersalur" fill={CHART.disbursed} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </section>
          )}
        </>
      )}
      {mix.length > 0 && (
        <section>
          <h3>Bauran program (nilai tersalur ke penerima)</h3>
          <ResponsiveContainer width="100%" height={Math.max(80, mix.length * 28 + 20)}>
            <BarChart data={mix} layout="vertical" margin={{ left: 8, right: 16 }}>
              <XAxis type="number" tickFormatter={formatRupiahShort} fontSize={11} />
              <YAxis type="category" dataKey="program" width={70} fontSize={11} />
              <Tooltip formatter={money} />
              <Bar dataKey="amount" name="Nilai" fill={CHART.good} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </section>
      )}
      {worst.length > 0 && (
        <section>
          <h3>Terburuk: {layer.label}</h3>
          <ol className="worst" data-testid="worst-list">
            {worst.map((w) => (
              <li key={w.figures.code}>
                <button type="button" className="link" onClick={() => onPick(w.figures.code)}>
                  {shortRegionName(w.figures.name)}
                </button>
                <span>{layer.format(w.value)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </aside>
  );
}
