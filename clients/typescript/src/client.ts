// A typed request to the klastry GraphQL API over fetch: the document (generated from
// operations/*.graphql) fixes the variables it takes and the data it answers.
import type { TypedDocumentString } from "./generated/graphql.js";

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  /** `code` always (docs/API-DESIGN.md lists them); `field`, `retryAfter`, … with some codes. */
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The API refused the request or an operation in it: `code` is the first error's
 * `extensions.code` (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, BAD_USER_INPUT,
 * RATE_LIMITED, QUERY_TOO_COMPLEX, …), or `HTTP_<status>` for an answer that is not GraphQL.
 * Invalid input to a mutation is no error: it comes back in the payload's `userErrors`.
 */
export class KlastryError extends Error {
  override readonly name = "KlastryError";
  /** The first error's `extensions.code`, or `HTTP_<status>`. */
  readonly code: string;
  /** The HTTP status (200 for errors of an operation that ran). */
  readonly status: number;
  /** Every error of the response, as sent. */
  readonly errors: readonly GraphQLErrorEntry[];
  /** Whatever data the response held beside its errors (null when none). */
  readonly data: unknown;

  constructor(status: number, errors: readonly GraphQLErrorEntry[], data: unknown = null) {
    const first = errors[0];
    const code = first?.extensions?.code ?? `HTTP_${status}`;
    super(first?.message ?? `the answer (HTTP ${status}) held no GraphQL response`);
    this.code = code;
    this.status = status;
    this.errors = errors;
    this.data = data;
  }

  /** The first error's extensions: `field` with BAD_USER_INPUT, `retryAfter` with RATE_LIMITED. */
  get extensions(): Readonly<Record<string, unknown>> {
    return this.errors[0]?.extensions ?? {};
  }
}

export interface RequestOptions {
  /** The endpoint; `/graphql` (the page's own server) by default. */
  url?: string;
  /** A session's access token or an API token (`klt_…`), sent as `Authorization: Bearer …`. */
  token?: string | null;
  signal?: AbortSignal;
  /** Another fetch (tests, a proxy); the global one by default. */
  fetch?: typeof fetch;
}

/** Variables may be left out when the operation has none that are required. */
type VariablesAndOptions<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLErrorEntry[];
}

/**
 * Runs a query or mutation and answers its data, or throws a `KlastryError` when the response
 * holds any error (network failures and aborts are fetch's own errors, passed on as they are).
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  // NoInfer: the document alone fixes the types; the variables are checked against them.
  ...[variables, options = {}]: VariablesAndOptions<NoInfer<TVariables>>
): Promise<TResult> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    // GraphQL over HTTP: request errors then come with 4xx statuses instead of 200.
    Accept: "application/graphql-response+json, application/json",
  };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await (options.fetch ?? fetch)(options.url ?? "/graphql", {
    method: "POST",
    headers,
    body: JSON.stringify({ query: String(document), variables: variables ?? {} }),
    signal: options.signal,
  });

  let body: GraphQLResponse | null = null;
  if (/json/i.test(response.headers.get("Content-Type") ?? "")) {
    body = (await response.json().catch(() => null)) as GraphQLResponse | null;
  }
  if (body?.errors?.length) throw new KlastryError(response.status, body.errors, body.data ?? null);
  if (!response.ok || body?.data == null) throw new KlastryError(response.status, []);
  return body.data as TResult;
}
