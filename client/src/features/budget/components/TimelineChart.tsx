import { CartesianGrid, ComposedChart, Bar, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART } from '../../../components/charts';
import { formatPercent, formatRupiah, formatRupiahShort } from '../../../lib/format';
import type { MonthPoint } from '../../region/region-series';

/** Payments to recipients per month (bars) and the running share of the allocation reached (line). */
export function TimelineChart({ points, height = 260 }: { points: MonthPoint[]; height?: number }) {
  const withRate = points.some((p) => p.realisation !== null);
  return (
    <div data-testid="timeline-chart" className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={points} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis yAxisId="amount" tickFormatter={formatRupiahShort} fontSize={11} width={60} />
          {withRate && (
            <YAxis
              yAxisId="rate"
              orientation="right"
              domain={[0, 1]}
              tickFormatter={(v) => formatPercent(Number(v), 0)}
              fontSize={11}
              width={48}
            />
          )}
          <Tooltip formatter={(v, name) => (name === 'Kumulatif ÷ pagu' ? formatPercent(Number(v)) : formatRupiah(Number(v)))} />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="amount" dataKey="amount" name="Disalurkan bulan itu" fill={CHART.allocated} isAnimationActive={false} />
          {withRate && (
            <Line
              yAxisId="rate"
              dataKey="realisation"
              name="Kumulatif ÷ pagu"
              stroke={CHART.disbursed}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
