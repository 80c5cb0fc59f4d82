/**
 * Messages between the benchmark (main thread: the API and the worker under test) and its load
 * generator (a worker thread: the HTTP clients and the raw Temporal client), so that generating
 * load never runs on the event loop that serves it.
 */

/** Through the API (HTTP, signed in) or straight to Temporal with the service's data converter. */
export type Side = 'api' | 'raw';

export interface BenchUser {
  id: string;
  /** `Bearer …` for the API. */
  auth: string;
  agencyId?: string;
}

export interface LoadSetup {
  baseUrl: string;
  /** The HTTP client of the load generator (see load-generator.ts). */
  httpClient: 'node-http' | 'fetch';
  /** The same variables the API and worker were configured with (loadConfig reads them). */
  env: Record<string, string>;
  clerk: BenchUser;
  reviewer: BenchUser;
}

export type LoadCommand =
  /** `count` registrations on one side, `concurrency` at a time. */
  | { op: 'register'; side: Side; count: number; concurrency: number }
  /** Review accepts, one after another in the order given (the sides interleaved by the caller). */
  | { op: 'accept'; tasks: { side: Side; caseId: string }[] }
  /**
   * `clients` concurrent clients GET in a loop for `durationMs`, each request the next of `paths`
   * in turn (many tracking codes, as many people looking up their own cases would send).
   */
  | { op: 'hammer'; paths: string[]; clients: number; durationMs: number };

export interface Sample {
  side?: Side;
  ms: number;
}

export interface LoadResult {
  /** Latency of each successful operation. */
  samples: Sample[];
  /** Wall time of the whole command. */
  wallMs: number;
  errors: number;
  /** Failed operations by side (accepts interleave both sides in one command). */
  errorsBySide: Partial<Record<Side, number>>;
  firstError?: string;
  /** Registrations: the cases made. */
  cases?: { id: string; trackingCode: string }[];
}

export type LoadRequest = { id: number; command: LoadCommand };
export type LoadReply =
  | { id: number; result: LoadResult }
  | { id: number; error: string }
  | { ready: true }
  | { failed: string };
