import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatMoney } from '../../../ui/format.ts';
import type { ReachPoint } from '../hooks/useReachForecast.ts';

interface Props {
  points: readonly ReachPoint[];
  currency: string;
}

/** Reach and average frequency against spend, exactly as the API's points give them. */
export default function ReachChart({ points, currency }: Props) {
  return (
    <div style={{ width: '100%', height: 300 }} data-testid="reach-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...points]} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis
            dataKey="spend"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => formatMoney(v, currency)}
            fontSize={11}
          />
          <YAxis yAxisId="reach" tickFormatter={(v: number) => formatCount(v)} fontSize={11} width={56} />
          <YAxis yAxisId="freq" orientation="right" fontSize={11} width={36} />
          <Tooltip
            formatter={(value, name) =>
              name === 'Reach' ? formatCount(Number(value)) : Number(value).toFixed(2)
            }
            labelFormatter={(label) => `Spend ${formatMoney(Number(label), currency)}`}
          />
          <Legend />
          <Line
            yAxisId="reach"
            type="monotone"
            dataKey="reach"
            name="Reach"
            stroke="#4c6ef5"
            strokeWidth={2}
            dot={{ r: 3 }}
          />
          <Line
            yAxisId="freq"
            type="monotone"
            dataKey="averageFrequency"
            name="Avg. frequency"
            stroke="#f76707"
            strokeWidth={2}
            dot={{ r: 3 }}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
