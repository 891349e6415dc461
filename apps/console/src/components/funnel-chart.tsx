import { number, share } from '../lib/format';
import { useLang } from '../lib/i18n';
import type { FunnelCounts } from '../lib/types';
import './funnel-chart.css';

export const FUNNEL_STEPS: { key: keyof FunnelCounts }[] = [
  { key: 'tipsReceived' },
  { key: 'tipsActionable' },
  { key: 'tipsLinked' },
  { key: 'casesFromTips' },
  { key: 'casesResolvedFromTips' },
  { key: 'arrestsFromTips' },
];

/** The funnel as horizontal bars (plain SVG): each step's width against the tips received. */
export function FunnelChart({ funnel }: { funnel: FunnelCounts }) {
  const { tr, lang } = useLang();
  const values = FUNNEL_STEPS.map((s) => Number(funnel[s.key] ?? 0));
  const max = Math.max(1, ...values);
  const row = 46;
  const labelW = 190;
  const barW = 520;
  const height = FUNNEL_STEPS.length * row + 8;
  return (
    <svg
      className="funnel"
      viewBox={`0 0 ${labelW + barW + 140} ${height}`}
      role="img"
      aria-label={tr('funnel-chart.tip_funnel')}
      data-testid="funnel-chart"
    >
      {FUNNEL_STEPS.map((s, i) => {
        const v = values[i];
        const w = Math.max(v > 0 ? 3 : 0, (v / max) * barW);
        const y = i * row + 4;
        const prev = i > 0 ? values[i - 1] : 0;
        return (
          <g key={s.key} data-step={s.key}>
            <text x={labelW - 10} y={y + 25} textAnchor="end" className="funnel-label">
              {tr(`funnel.${s.key}`)}
            </text>
            <rect
              x={labelW}
              y={y + 6}
              width={barW}
              height={row - 14}
              className="funnel-track"
              rx="4"
            />
            <rect
              x={labelW}
              y={y + 6}
              width={w}
              height={row - 14}
              className={`funnel-bar step-${i}`}
              rx="4"
            />
            <text
              x={labelW + w + 8}
              y={y + 25}
              className="funnel-value"
              data-testid={`funnel-${s.key}`}
            >
              {number(v, lang)}
            </text>
            {i > 0 && i < 3 && prev ? (
              <text x={labelW + barW + 130} y={y + 25} textAnchor="end" className="funnel-share">
                {share(v, values[0], lang)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
