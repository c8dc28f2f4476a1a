import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTNode,
  type ASTVisitor,
  coerceInputValue,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  isInputType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
  type ValidationContext,
  visit,
} from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Context } from '../context.js';
import { publicGraphQLError } from '../errors.js';

/** Operation limits, documented in docs/api.md. */
export const LIMITS = {
  /** Characters in the query document. */
  maxQueryLength: 20_000,
  /** Nesting depth of fields (fragments expanded). */
  maxDepth: 10,
  /** Aliased fields per document (defeats alias-based batching of expensive fields). */
  maxAliases: 20,
  /** Cost: one point per field, multiplied through lists by `first` where given. */
  maxComplexity: 1_000,
  /** JSON body size for /graphql. */
  maxBodyBytes: 256 * 1024,
} as const;

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue; // introspection is not limited by depth
      max = Math.max(max, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // cycles are reported by the standard rules
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return max;
}

/** Validation rule: query length, depth and alias count. Failures are GRAPHQL_VALIDATION_FAILED (400). */
export function limitsRule(context: ValidationContext): ASTVisitor {
  const document = context.getDocument();
  const length = document.loc?.source.body.length ?? 0;
  if (length > LIMITS.maxQueryLength) {
    context.reportError(new GraphQLError(`The query is longer than ${LIMITS.maxQueryLength} characters.`));
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  let aliases = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return {
    Field(node) {
      if (node.alias) aliases++;
      if (aliases === LIMITS.maxAliases + 1) {
        context.reportError(
          new GraphQLError(`The query uses more than ${LIMITS.maxAliases} aliases.`, { nodes: node }),
        );
      }
    },
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > LIMITS.maxDepth) {
        context.reportError(
          new GraphQLError(`The query is nested ${depth} levels deep; the limit is ${LIMITS.maxDepth}.`, {
            nodes: node,
          }),
        );
      }
    },
  };
}

/** A NUL byte (Postgres text cannot hold it) or a lone UTF-16 surrogate (not valid Unicode). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isInvalidText = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The first string in `value` that is not valid text, as a dotted path below `path`. */
function invalidTextAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isInvalidText(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    const found = invalidTextAt(item, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

function badInput(field: string, message: string): GraphQLError {
  return publicGraphQLError('BAD_USER_INPUT', message, { status: 400, extensions: { field } });
}

/** Validation rule: string literals in the document must be valid text (see isInvalidText). */
export function textRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (isInvalidText(node.value)) {
        context.reportError(
          new GraphQLError('A string in the query contains a NUL byte or invalid Unicode.', {
            nodes: node,
            extensions: { reason: 'INVALID_TEXT' },
          }),
        );
      }
    },
  };
}

/**
 * Coerces the operation's variables as graphql-js will, but reports the first problem as a typed
 * BAD_USER_INPUT (400) naming the offending field (`spec.include.0.1`), and refuses strings that
 * are not valid text (NUL bytes, lone surrogates) before anything reaches a service or SQL.
 * Runs before the cost walk, which coerces too and would otherwise throw an untyped error.
 */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  values: Readonly<Record<string, unknown>>,
): void {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // reported by validation
    const given = Object.hasOwn(values, name);
    if (!given || values[name] === null) {
      if (isNonNullType(type) && !(definition.defaultValue && !given)) {
        throw badInput(name, `Variable "$${name}" of required type "${String(type)}" was not provided.`);
      }
      continue;
    }
    let problem: { field: string; message: string } | undefined;
    coerceInputValue(values[name], type, (path, _invalid, error) => {
      problem ??= { field: [name, ...path].join('.'), message: error.message };
    });
    if (problem) {
      throw badInput(
        problem.field,
        `Variable "$${name}" has an invalid value at "${problem.field}": ${problem.message.slice(0, 300)}`,
      );
    }
    const text = invalidTextAt(values[name], name);
    if (text) throw badInput(text, `"${text}" contains a NUL byte or invalid Unicode.`);
  }
}

/**
 * The variables a document's cost can depend on: those passed to a `first` argument (the only
 * argument the estimator reads) or to a directive (`@skip`/`@include` prune fields).
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first') collect(node.value);
    },
    Directive(node) {
      collect(node);
    },
  });
  return [...names].sort();
}

/**
 * What an operation costs: one point per field, a list's items counted `first` times (one when
 * `first` is absent). Compared with LIMITS.maxComplexity by complexityPlugin; the dashboard's
 * documents are checked against it in dashboard-cost.test.ts.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [
      ({ args, childComplexity }) => {
        const first = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
        return 1 + childComplexity * first;
      },
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

/**
 * Cost limit, computed with the operation's variables once they are known. Memoised per parsed
 * document (Apollo reuses the parsed document of a repeated query text) and per values of the
 * variables the cost depends on, so a hot query pays the cost walk once.
 */
export function complexityPlugin(): ApolloServerPlugin<Context> {
  const memo = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const values = request.variables ?? {};
          if (operation) checkVariables(schema, operation, values);
          let entry = memo.get(document);
          if (!entry) {
            entry = { variables: costVariables(document), costs: new Map() };
            memo.set(document, entry);
          }
          const key = JSON.stringify([
            request.operationName ?? null,
            ...entry.variables.map((v) => values[v]),
          ]);
          let complexity = entry.costs.get(key);
          if (complexity === undefined) {
            complexity = queryCost(schema, document, values, request.operationName);
            if (entry.costs.size >= 100) entry.costs.clear();
            entry.costs.set(key, complexity);
          }
          if (complexity > LIMITS.maxComplexity) {
            throw new GraphQLError(
              `The query costs ${complexity} points; the limit is ${LIMITS.maxComplexity}. Ask for fewer items.`,
              {
                extensions: {
                  code: 'GRAPHQL_VALIDATION_FAILED',
                  reason: 'QUERY_TOO_COMPLEX',
                  cost: complexity,
                  limit: LIMITS.maxComplexity,
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}
