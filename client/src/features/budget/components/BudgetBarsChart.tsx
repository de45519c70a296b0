import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART } from '../../../components/charts';
import { formatRupiah, formatRupiahShort } from '../../../lib/format';
import type { budgetBars } from '../../region/region-series';

type Row = ReturnType<typeof budgetBars>[number];

/**
 * Allocated vs disbursed per kab/kota, with the outstanding amount as a third
 * bar; the regions with the largest outstanding amounts are drawn in a strong colour.
 */
export function BudgetBarsChart({ rows, height = 340 }: { rows: Row[]; height?: number }) {
  return (
    <div data-testid="budget-bars" className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} margin={{ left: 8, right: 8, bottom: 40 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} angle={-25} textAnchor="end" fontSize={11} height={60} />
          <YAxis tickFormatter={formatRupiahShort} fontSize={11} width={60} />
          <Tooltip formatter={(v) => formatRupiah(Number(v))} />
          <Legend itemSorter={null} verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="allocated" name="Pagu" fill={CHART.allocated} isAnimationActive={false} />
          <Bar dataKey="disbursed" name="Tersalur" fill={CHART.disbursed} isAnimationActive={false} />
          <Bar dataKey="outstanding" name="Sisa (terbesar disorot)" fill="#fdd0a2" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.code} fill={r.highlight ? CHART.highlight : '#fdd0a2'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
