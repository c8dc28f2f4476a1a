/**
 * The load generator of `bench/http.ts`, in its own process (forked): autocannon drives
 * `connections` keep-alive connections, no pipelining (agency clients wait for each answer).
 * Request n goes to organisation n mod orgs; every fourth is the hot spec (a repeat after its
 * first time), the others walk `benchSpec` so that each is a new answer to charge.
 */
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { benchSpec, HOT_SPEC, QUERY } from './specs.js';

export interface LoadParams {
  url: string;
  keys: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  graphqlErrors: number;
  firstError: string | null;
  /** CPU the load generator itself used, in cores. */
  cpuCores: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number };
  non2xx: number;
  errors: number;
}

const body = (spec: unknown) =>
  JSON.stringify({ operationName: 'Estimate', query: QUERY, variables: { spec } });
const HOT = body(HOT_SPEC);

async function run(params: LoadParams): Promise<LoadResult> {
  let sent = 0;
  let distinct = 0;
  let graphqlErrors = 0;
  let firstError: string | null = null;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result: AutocannonResult = await autocannon({
    url: params.url,
    connections: params.connections,
    pipelining: 1,
    duration: params.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest(request: { headers: Record<string, string> }) {
          const n = sent++;
          const key = params.keys[n % params.keys.length];
          return {
            ...request,
            headers: { ...request.headers, authorization: `Bearer ${key}` },
            body: n % 4 === 0 ? HOT : body(benchSpec(distinct++)),
          };
        },
        onResponse(_status: number, text: string) {
          if (text.includes('"errors"')) {
            graphqlErrors++;
            firstError ??= text.slice(0, 300);
          }
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuCores = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
  return {
    cpuCores: Math.round(cpuCores * 100) / 100,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    graphqlErrors,
    firstError,
  };
}

process.once('message', (params: LoadParams) => {
  run(params).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
