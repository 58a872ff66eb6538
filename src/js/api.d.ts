
/** `state` as current servers spell it; unknown values are passed through as received. */
export type MigrationStateName =
  | "CREATION_SCHEDULED" | "CREATING" | "UPDATE_SCHEDULED" | "UPDATING"
  | "DELETION_SCHEDULED" | "DELETING" | "OK" | "ERRED" | (string & {});

/** `dst_resource_state`, the marketplace resource state; unknown values are passed through. */
export type ResourceStateName = "Creating" | "OK" | "Erred" | "Updating" | "Terminating" | "Terminated" | (string & {});

/**
 * Where a call failed: `invalid_input` (refused before sending), `network`, `timeout`,
 * `aborted`, `http` (the server's status and DRF body), `decode` (an answer that is not what
 * the API sends), `usage` (the library was called wrongly, or a value could not be handed to
 * JS: not retryable).
 */
export type ErrorKind = "invalid_input" | "network" | "timeout" | "aborted" | "http" | "decode" | "usage";

/** Messages by field path: `{ "mappings.subnets[1].dst_cidr": ["A private network CIDR is expected."] }`. */
export type FieldMessages = { [path: string]: string[] };

/** Every failure is thrown as this `Error`. */
export interface WaldurMigrationsError extends Error {
  readonly name: "WaldurMigrationsError";
  /** Where it failed. */
  readonly kind: ErrorKind;
  /** The HTTP status, when a response arrived. */
  readonly status: number | null;
  /** The server's body: parsed JSON, or the start of the text (an HTML error page). */
  readonly body: unknown;
  /** Messages by field path, from client-side validation or from the server. */
  readonly fields: FieldMessages;
  /** True when trying again later may succeed. */
  readonly retryable: boolean;
}

/** The `Authorization` value (`"Token <key>"`, `"Bearer <token>"`), or a function returning it. */
export type Auth = string | (() => string | Promise<string>);

/** Retry of GET, HEAD, PUT and DELETE after network errors, 429, 502, 503, 504. */
export interface RetryOptions {
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxTotalMs?: number;
}

/** A server and its credentials. */
export interface Config {
  /** `https://waldur.example.com` (with or without a trailing slash); `""` means this origin. */
  baseUrl?: string;
  auth?: Auth;
  /** Timeout of each call, retries included (default 30000); `null` waits forever. */
  timeoutMs?: number | null;
  retry?: RetryOptions;
  /** Sent as `Accept-Language` (a BCP 47 tag such as `de` or `et-EE`), so the server's own
   * messages come in that language. */
  language?: string;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Overrides the configured `Authorization` for this call. */
  auth?: Auth;
  /** Overrides the configured base URL for this call. */
  baseUrl?: string;
}

export interface ListOptions extends CallOptions { query?: ListQuery }
export interface CountOptions extends CallOptions { query?: ListQuery }
export interface PathOptions extends CallOptions { path: { uuid: string } }
export interface CreateOptions extends CallOptions { body: MigrationCreateRequest }
export interface UpdateOptions extends PathOptions { body: MigrationDetailsRequest }
export interface PartialUpdateOptions extends PathOptions { body?: PatchedMigrationDetailsRequest }

/** Paging of a result, from `X-Result-Count` and the `Link` header. */
export interface Paging {
  /** Items over all pages (`X-Result-Count`), when sent. */
  total: number | null;
  /** This page (1-based). */
  page: number;
  pageSize: number;
  /** Number of pages, from `rel="last"` or the total. */
  pages: number | null;
  /** Next page number, if any. */
  next: number | null;
  /** Previous page number, if any. */
  previous: number | null;
  /** False when the server did not let this page read `X-Result-Count` or `Link` (CORS
   * without `Access-Control-Expose-Headers`): then `total` and `pages` are unknown and `next`
   * is a guess from a full page. */
  pagingKnown: boolean;
  links: PageLinks;
}

/** What `openstackMigrationsList` resolves. */
export interface ListResult extends Paging { data: MigrationDetails[] }
/** What `openstackMigrationsCount` resolves. */
export interface CountResult { data: number }
/** What retrieve, update and partial update resolve. */
export interface DataResult<T> { data: T }
/** What `openstackMigrationsCreate` resolves: the full migration (real servers) or the documented short body. */
export type CreateResult = { data: MigrationDetails; shape: "full" } | { data: MigrationCreate; shape: "documented" };
/** What `openstackMigrationsDestroy` resolves. */
export interface DestroyResult { data: undefined }

/** One page of items (client class). */
export interface Page<T> extends Paging { items: T[] }

export interface ListAllOptions extends CallOptions {
  /** Items per request (default and maximum 300). */
  pageSize?: number;
  /** Requests in flight after the first (default 6). */
  concurrency?: number;
  /** Stop after this many items. */
  maxItems?: number;
  /** Called after each page. */
  onProgress?: (done: number, total: number) => void;
}

/** What `listAll` resolves. */
export interface AllPages {
  items: MigrationDetails[];
  total: number | null;
  /** Requests made. */
  pages: number;
}
