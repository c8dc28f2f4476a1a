import { cacheExchange, Client, fetchExchange } from 'urql';
import { env } from '../env.ts';

/**
 * Apollo Server 5's CSRF prevention blocks urql's default GET queries, so every operation is a
 * POST; the session is an httpOnly cookie on the same origin.
 */
export function createClient(url: string = env.graphqlUrl): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
  });
}
