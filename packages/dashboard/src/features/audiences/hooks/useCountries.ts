import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../../../graphql/graphql.ts';

export const CountriesQuery = graphql(`
  query Countries {
    countries { code name excluded reason }
  }
`);

export type Country = ResultOf<typeof CountriesQuery>['countries'][number];

export function useCountries() {
  const [result] = useQuery({ query: CountriesQuery, requestPolicy: 'cache-first' });
  const countries = result.data?.countries;
  const byCode = useMemo(() => new Map((countries ?? []).map((c) => [c.code, c])), [countries]);
  const countryName = useCallback((code: string) => byCode.get(code)?.name ?? code, [byCode]);
  return { countries: countries ?? [], fetching: result.fetching, error: result.error, countryName };
}
