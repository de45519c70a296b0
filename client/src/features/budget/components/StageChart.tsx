import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART } from '../../../components/charts';
import { formatRupiah, formatRupiahShort } from '../../../lib/format';
import type { StagePoint } from '../../region/region-series';

/** Allocated, disbursed and outstanding per stage (tahap). */
export function StageChart({ stages, height = 260 }: { stages: StagePoint[]; height?: number }) {
  return (
    <div data-testid="stage-chart" className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={stages} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={11} interval={0} />
          <YAxis tickFormatter={formatRupiahShort} fontSize={11} width={60} />
          <Tooltip formatter={(v) => formatRupiah(Number(v))} />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="allocated" name="Pagu" fill={CHART.allocated} isAnimationActive={false} />
          <Bar dataKey="disbursed" name="Tersalur" fill={CHART.disbursed} isAnimationActive={false} />
          <Bar dataKey="outstanding" name="Sisa" fill={CHART.outstanding} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
