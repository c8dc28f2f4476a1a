import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  typeFromAST,
  validate,
  visit,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildParlanceSchema } from '../schema.js';
import { costVariables, LIMITS, queryCost } from './limits.js';

/*
 * Every GraphQL document the dashboard sends must fit under the server's cost limit, priced by the
 * server's own estimator (queryCost) on the server's own schema, so the two cannot drift apart.
 *
 * Why here and not in the dashboard's suite: STYLE.md lets the dashboard import no workspace
 * package and forbids deep imports into another package's src/, and the estimator is not part of
 * the server's public exports (nor should the browser app's tests load the server). So this test
 * reads the dashboard's source files as text: every `graphql(` call in packages/dashboard/src
 * (tests aside) must be a plain template literal, its fragments are joined by name as gql.tada
 * does, `__typename` is added the way urql adds it, and the page sizes are the constants the
 * dashboard's hooks export (read from their source, see USES).
 */

const DASHBOARD_SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dashboard', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    const sent = /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name);
    return sent ? [path] : [];
  });
}

const read = (file: string) => readFileSync(join(DASHBOARD_SRC, file), 'utf8');

/** A page size or `first` the dashboard passes, read from the `export const` naming it. */
function dashboardConstant(file: string, name: string): number {
  const found = new RegExp(`export const ${name} = ([\\d_]+);`).exec(read(file));
  if (!found?.[1]) throw new Error(`packages/dashboard/src/${file} exports no numeric constant ${name}`);
  return Number(found[1].replaceAll('_', ''));
}

/**
 * The values the dashboard gives the variables a document's cost depends on (`first`), one entry
 * per way it calls the operation. Other variables get placeholder values: they do not change the
 * price. An operation with a cost variable that is missing here fails the test.
 */
const USES: Record<string, () => Record<string, unknown>[]> = {
  SavedAudiences: () => [
    { first: dashboardConstant('features/audiences/hooks/useSavedAudiences.ts', 'AUDIENCES_PAGE') },
  ],
  Campaigns: () => [
    { first: dashboardConstant('features/campaigns/hooks/useCampaigns.ts', 'CAMPAIGNS_PAGE') },
  ],
  ApiKeys: () => [{ first: dashboardConstant('features/api-keys/hooks/useApiKeys.ts', 'API_KEYS_PAGE') }],
  Interests: () => [
    {
      search: 'hiking',
      first: dashboardConstant('features/audiences/hooks/useInterests.ts', 'INTEREST_SEARCH_FIRST'),
    },
    { first: dashboardConstant('features/audiences/hooks/useInterests.ts', 'INTEREST_CHILDREN_FIRST') },
  ],
  AudienceInsights: () => [
    { first: dashboardConstant('features/insights/hooks/useInsights.ts', 'INSIGHTS_FIRST') },
  ],
};

interface Found {
  file: string;
  definitions: readonly DefinitionNode[];
}

/** Every `graphql(` template in the dashboard's sources, parsed; anything else there fails. */
function dashboardDocuments(): Found[] {
  const found: Found[] = [];
  for (const path of sourceFiles(DASHBOARD_SRC)) {
    const file = relative(DASHBOARD_SRC, path);
    const text = readFileSync(path, 'utf8');
    for (const call of text.matchAll(/\bgraphql\(/g)) {
      const rest = text.slice(call.index + call[0].length);
      if (rest.startsWith(')')) continue; // `graphql()` named in a comment
      const literal = /^\s*`([^`]*)`/.exec(rest);
      if (!literal?.[1] || literal[1].includes('${')) {
        throw new Error(`${file}: a graphql( call whose document is not a plain template literal`);
      }
      found.push({ file, definitions: parse(literal[1]).definitions });
    }
  }
  return found;
}

/** What urql's formatDocument does: `__typename` in every selection set but the operation's own. */
function withTypenames(document: DocumentNode): DocumentNode {
  const add = (set: SelectionSetNode): SelectionSetNode =>
    set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias)
      ? set
      : {
          ...set,
          selections: [
            ...set.selections,
            { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } },
          ],
        };
  return visit(document, {
    Field: {
      leave: (node) => (node.selectionSet ? { ...node, selectionSet: add(node.selectionSet) } : undefined),
    },
    InlineFragment: { leave: (node) => ({ ...node, selectionSet: add(node.selectionSet) }) },
    FragmentDefinition: { leave: (node) => ({ ...node, selectionSet: add(node.selectionSet) }) },
  });
}

/** The operation with the fragments it spreads, transitively, as gql.tada's fragment array adds them. */
function operationDocument(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${operation.name?.value}: no fragment ${name} in the dashboard`);
        if (!used.has(name)) {
          used.set(name, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
}

const SCALARS: Record<string, unknown> = {
  ID: '1',
  String: 'x',
  Int: 1,
  Float: 1,
  Boolean: true,
  DateTimeISO: '2030-01-01T00:00:00.000Z',
};

/** A value the type accepts, for variables that do not change the price (ids, inputs). */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, placeholder(f.type)]),
    );
  }
  if (isScalarType(type) && type.name in SCALARS) return SCALARS[type.name];
  throw new Error(`no placeholder for ${String(getNamedType(type))}`);
}

interface Priced {
  name: string;
  file: string;
  variables: Record<string, unknown>;
  cost: number;
}

function priceAll(schema: GraphQLSchema): Priced[] {
  const documents = dashboardDocuments();
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: { file: string; operation: OperationDefinitionNode }[] = [];
  for (const { file, definitions } of documents) {
    for (const definition of definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        const name = definition.name.value;
        if (fragments.has(name)) throw new Error(`${file}: fragment ${name} is defined twice`);
        fragments.set(name, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        operations.push({ file, operation: definition });
      }
    }
  }
  const priced: Priced[] = [];
  for (const { file, operation } of operations) {
    const name = operation.name?.value;
    if (!name) throw new Error(`${file}: an operation without a name`);
    const document = withTypenames(operationDocument(operation, fragments));
    const errors = validate(schema, document);
    if (errors.length) throw new Error(`${name} (${file}) is not valid: ${errors[0]?.message}`);
    const uses = USES[name]?.() ?? [{}];
    for (const use of uses) {
      const missing = costVariables(document).filter((v) => !(v in use));
      if (missing.length) {
        throw new Error(
          `${name} (${file}): its cost depends on $${missing.join(', $')}; add the values the dashboard passes to USES`,
        );
      }
      const variables: Record<string, unknown> = {};
      for (const definition of operation.variableDefinitions ?? []) {
        const variable = definition.variable.name.value;
        const type = typeFromAST(schema, definition.type) as GraphQLInputType;
        if (variable in use) variables[variable] = use[variable];
        else if (isNonNullType(type) && !definition.defaultValue) variables[variable] = placeholder(type);
      }
      priced.push({ name, file, variables, cost: queryCost(schema, document, variables, name) });
    }
  }
  return priced;
}

describe('the dashboard’s documents and the cost limit', () => {
  let schema: GraphQLSchema;
  let priced: Priced[];
  beforeAll(async () => {
    schema = await buildParlanceSchema();
    priced = priceAll(schema);
  });

  it('finds the documents the dashboard sends, and nothing in USES that it does not', () => {
    const names = new Set(priced.map((p) => p.name));
    for (const expected of [
      'SavedAudiences',
      'SavedAudience',
      'Campaigns',
      'Campaign',
      'ApiKeys',
      'Viewer',
    ]) {
      expect(names).toContain(expected);
    }
    expect(Object.keys(USES).filter((name) => !names.has(name))).toEqual([]);
  });

  it('prices every one of them under the limit, __typename included', () => {
    const over = priced
      .filter((p) => p.cost > LIMITS.maxComplexity)
      .map((p) => `${p.name} (${p.file}, ${JSON.stringify(p.variables)}) costs ${p.cost}`);
    expect(over, `over the limit of ${LIMITS.maxComplexity} points`).toEqual([]);
  });

  it('passes page sizes as exported constants, so the prices above are the dashboard’s own', () => {
    // A literal `first: 30` in a hook would escape USES: only graphql documents may hold one.
    const literals = sourceFiles(DASHBOARD_SRC).flatMap((path) => {
      const code = readFileSync(path, 'utf8').replace(/graphql\(\s*`[^`]*`/g, '');
      return [...code.matchAll(/\bfirst: \d+/g)].map((m) => `${relative(DASHBOARD_SRC, path)}: ${m[0]}`);
    });
    expect(literals).toEqual([]);
  });
});
