import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider } from 'urql';
import { vi } from 'vitest';
import { createClient } from '../graphql/client.ts';
import { theme } from '../ui/theme.ts';

export type Handler = (variables: Record<string, unknown>) => { data?: unknown; errors?: unknown[] };

/**
 * Renders with a real urql client whose fetch answers by operation name, so components run the
 * same code path as in the browser (POST, JSON body, extensions.code).
 */
export function renderWithApi(ui: ReactElement, handlers: Record<string, Handler> = {}) {
  const calls: { operationName: string; variables: Record<string, unknown> }[] = [];
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables: Record<string, unknown>;
    };
    calls.push({ operationName: body.operationName, variables: body.variables });
    const handler = handlers[body.operationName];
    const payload = handler
      ? handler(body.variables)
      : { errors: [{ message: 'no handler', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    return new Response(JSON.stringify(payload), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  const client = createClient('http://localhost/graphql');
  const result = render(
    <MantineProvider theme={theme}>
      <Provider value={client}>{ui}</Provider>
    </MantineProvider>,
  );
  return { ...result, calls, fetchMock };
}

export function renderPlain(ui: ReactElement) {
  return render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
}
