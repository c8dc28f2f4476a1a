import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { InterestAffinity } from '../hooks/useInsights.ts';

interface Props {
  insights: readonly InterestAffinity[];
  onPick: (item: InterestAffinity) => void;
}

/** Affinity index per related interest (100 = as common as in the whole population). */
export default function AffinityChart({ insights, onPick }: Props) {
  const data = insights.map((i) => ({ name: i.interest.name, affinityIndex: i.affinityIndex, item: i }));
  return (
    <div style={{ width: '100%', height: Math.max(160, data.length * 32 + 40) }} data-testid="affinity-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
          accessibilityLayer
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e9ecef" />
          <XAxis type="number" fontSize={11} />
          <YAxis type="category" dataKey="name" width={140} fontSize={11} />
          <ReferenceLine x={100} stroke="#adb5bd" strokeDasharray="4 4" />
          <Tooltip formatter={(v) => [Number(v).toFixed(0), 'Affinity index']} />
          <Bar
            dataKey="affinityIndex"
            fill="#4c6ef5"
            radius={[0, 4, 4, 0]}
            cursor="pointer"
            onClick={(entry) => {
              const item = (entry as unknown as { payload?: { item?: InterestAffinity } }).payload?.item;
              if (item) onPick(item);
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
