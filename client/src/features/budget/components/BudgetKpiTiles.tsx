import { KpiTile } from '../../../components/KpiTile';
import { formatPercent, formatRupiah } from '../../../lib/format';

/** The three budget tiles of the budget page and the rakorev deck: pagu, tersalur (rate), sisa (share). */
export function BudgetKpiTiles({ totals }: { totals: { allocated: number; disbursed: number; outstanding: number; realisationRate: number } }) {
  return (
    <>
      <KpiTile label="Pagu" value={formatRupiah(totals.allocated)} />
      <KpiTile label="Tersalur" value={formatRupiah(totals.disbursed)} note={`${formatPercent(totals.realisationRate)} dari pagu`} tone="good" />
      <KpiTile
        label="Sisa"
        value={formatRupiah(totals.outstanding)}
        note={formatPercent(totals.allocated > 0 ? totals.outstanding / totals.allocated : 0)}
        tone="warn"
      />
    </>
  );
}
