import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatMoney, formatRange } from '../../../ui/format.ts';
import type { ReachPoint } from '../hooks/useReachForecast.ts';

interface Props {
  points: readonly ReachPoint[];
  currency: string;
}

/**
 * Reach against spend, drawn from the API's own bounds: the band between the lower and upper
 * bound of each point (no midpoint, no interpolated figure in the tooltip).
 */
export default function ReachChart({ points, currency }: Props) {
  const data = points.map((p) => ({
    ...p,
    band: [p.reachLowerBound, p.reachUpperBound] as [number, number],
  }));
  return (
    <div style={{ width: '100%', height: 300 }} data-testid="reach-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 8, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis
            dataKey="budget"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => formatMoney(v, currency)}
            fontSize={11}
          />
          <YAxis tickFormatter={(v: number) => formatCount(v)} fontSize={11} width={56} />
          <Tooltip
            content={({ active, payload }) => {
              const p = payload?.[0]?.payload as ReachPoint | undefined;
              if (!active || !p) return null;
              return (
                <div
                  style={{
                    background: 'white',
                    border: '1px solid #dee2e6',
                    borderRadius: 6,
                    padding: '6px 10px',
                    fontSize: 12,
                  }}
                  data-testid="reach-tooltip"
                >
                  <div>
                    <b>Spend {formatMoney(p.budget, currency)}</b>
                  </div>
                  <div>Reach {formatRange(p.reachLowerBound, p.reachUpperBound)}</div>
                </div>
              );
            }}
          />
          <Legend />
          <Area
            dataKey="band"
            name="Reach range"
            stroke="none"
            fill="#4c6ef5"
            fillOpacity={0.18}
            isAnimationActive={false}
          />
          <Line
            dataKey="reachLowerBound"
            name="Reach (lower bound)"
            stroke="#4c6ef5"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          <Line
            dataKey="reachUpperBound"
            name="Reach (upper bound)"
            stroke="#4c6ef5"
            strokeDasharray="4 3"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
