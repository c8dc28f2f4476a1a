/** A minimal GraphQL-over-HTTP client for tests: what an agency script would write. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
  headers: Headers;
}

export interface GraphQLClient {
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
}

/** A client that authenticates with an API key, or with a session cookie it keeps. */
export function graphqlClient(
  baseUrl: string,
  auth: { apiKey?: string } = {},
): GraphQLClient & { cookie?: string } {
  const client: GraphQLClient & { cookie?: string } = {
    async request<T>(query: string, variables?: Record<string, unknown>) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
      if (client.cookie) headers.cookie = client.cookie;
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) client.cookie = setCookie.split(';')[0];
      const body = (await response.json().catch(() => ({}))) as Omit<
        GraphQLResponse<T>,
        'status' | 'headers'
      >;
      return { status: response.status, headers: response.headers, ...body };
    },
  };
  return client;
}

/** The error codes of a response, for assertions. */
export function errorCodes(response: Pick<GraphQLResponse<unknown>, 'errors'>): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
