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
 * Reach and average frequency against spend, drawn from the API's own numbers: the band between
 * the lower and upper reach bound of each point (left axis), the average frequency per point
 * (right axis). The tooltip shows the point's spend, impressions, reach and average frequency as
 * the API sent them (no midpoint, no interpolated figure).
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
          <YAxis yAxisId="reach" tickFormatter={(v: number) => formatCount(v)} fontSize={11} width={56} />
          <YAxis
            yAxisId="frequency"
            orientation="right"
            tickFormatter={(v: number) => v.toFixed(1)}
            fontSize={11}
            width={36}
            label={{ value: 'Avg. frequency', angle: 90, position: 'insideRight', fontSize: 11 }}
          />
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
                  <div>Impressions {formatCount(p.impressions)}</div>
                  <div>Reach {formatRange(p.reachLowerBound, p.reachUpperBound)}</div>
                  <div>Average frequency {p.averageFrequency.toFixed(2)}</div>
                </div>
              );
            }}
          />
          <Legend />
          <Area
            yAxisId="reach"
            dataKey="band"
            name="Reach range"
            stroke="none"
            fill="#4c6ef5"
            fillOpacity={0.18}
            isAnimationActive={false}
          />
          <Line
            yAxisId="reach"
            dataKey="reachLowerBound"
            name="Reach (lower bound)"
            stroke="#4c6ef5"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          <Line
            yAxisId="reach"
            dataKey="reachUpperBound"
            name="Reach (upper bound)"
            stroke="#4c6ef5"
            strokeDasharray="4 3"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="frequency"
            dataKey="averageFrequency"
            name="Average frequency"
            stroke="#f08c00"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
