import { formatKK, formatNumber, formatPercent, formatRupiah } from '../../../lib/format';
import type { LayerDef, RegionFigures } from '../layers';
import type { HoverInfo } from '../CoverageMap';

/** The figures of the region under the pointer, opening towards the larger free side. */
export function MapTooltip({ hover, figures, layer }: { hover: HoverInfo; figures: RegionFigures; layer: LayerDef }) {
  const { x, y, width, height } = hover;
  const place = {
    ...(x > width / 2 ? { right: width - x + 14 } : { left: x + 14 }),
    ...(y > height / 2 ? { bottom: height - y + 14 } : { top: y + 14 }),
  };
  const v = layer.value(figures);
  const c = figures.coverage;
  const q = figures.quality;
  const b = figures.budget;
  return (
    <div className="tooltip" style={place} role="tooltip" data-testid="map-tooltip">
      <div className="tooltip-title">
        {figures.name} <span className="muted">{figures.code}</span>
      </div>
      <div className="tooltip-main">
        {layer.label}: <strong>{v === null ? 'tidak ada data' : layer.format(v)}</strong>
      </div>
      {c && (
        <dl>
          <dt>Keluarga</dt>
          <dd>{formatKK(c.households)}</dd>
          <dt>KK DTKS</dt>
          <dd>{formatKK(c.dtksHouseholds)}</dd>
          <dt>KK penerima</dt>
          <dd>{formatKK(c.aidedHouseholds)}</dd>
          <dt>DTKS tanpa bantuan</dt>
          <dd>
            {formatKK(c.unaidedDtksHouseholds)}
            {c.dtksHouseholds > 0 && ` (${formatPercent(c.unaidedDtksHouseholds / c.dtksHouseholds)})`}
          </dd>
          <dt>Bantuan ganda</dt>
          <dd>{formatKK(c.stackedHouseholds)}</dd>
          <dt>Di luar DTKS</dt>
          <dd>{formatKK(c.aidedNonDtksHouseholds)}</dd>
          <dt>Nilai bantuan</dt>
          <dd>{formatRupiah(c.aidAmount)}</dd>
        </dl>
      )}
      {q && (
        <dl>
          <dt>NIK tidak valid</dt>
          <dd>{formatNumber(q.invalidNik)}</dd>
          <dt>Tidak cocok</dt>
          <dd>{formatNumber(q.unmatchedRecipients)}</dd>
          <dt>Bayar ganda</dt>
          <dd>{formatNumber(q.duplicatePayments)}</dd>
          <dt>Meninggal</dt>
          <dd>{formatNumber(q.deceasedRecipients)}</dd>
          <dt>Kemungkinan ganda</dt>
          <dd>{formatNumber(q.possibleDuplicates)}</dd>
        </dl>
      )}
      {b && (
        <dl>
          <dt>Pagu</dt>
          <dd>{formatRupiah(b.allocated)}</dd>
          <dt>Tersalur</dt>
          <dd>{formatRupiah(b.disbursed)}</dd>
          <dt>Sisa</dt>
          <dd>{formatRupiah(b.outstanding)}</dd>
          <dt>Realisasi</dt>
          <dd>{formatPercent(b.realisationRate)}</dd>
        </dl>
      )}
    </div>
  );
}
