/**
 * HTTP client of the agent, shared by the Terraform provider, the Pulumi
 * resources, tests and benchmarks. got gives retries with backoff on
 * transient failures; every write that could be repeated carries the
 * idempotency or revision header that makes the repeat safe.
 */
import got, { HTTPError, type Got } from 'got';
import { randomUUID } from 'node:crypto';
import type { AgentInfo } from '../schema/agent-info.js';
import type { Problem } from '../schema/problem.js';
import { RESOURCES, type Kind, type ObjectOf } from '../schema/resources.js';
import { ApiError } from './errors.js';
import { withFailover } from './failover.js';

export { ApiError } from './errors.js';

export interface ClientOptions {
  /** e.g. http://127.0.0.1:9696. One of endpoint / endpoints is needed. */
  endpoint?: string;
  /** Agents of one cluster, tried in order: the next one when one does not answer. Wins over `endpoint`. */
  endpoints?: readonly string[];
  token: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Rounds over the endpoints after the first, on no answer or 502/503/504. */
  retries?: number;
}

export interface WriteOptions {
  /** Seconds the agent waits for the change to be live before answering. */
  waitSeconds?: number;
}

export interface CreateOptions extends WriteOptions {
  /** Makes a retried create return the first result. A fresh one is used when omitted. */
  idempotencyKey?: string;
}

export interface UpdateOptions extends WriteOptions {
  /** Expected revision (If-Match); 412 when the object changed meanwhile. */
  ifMatch?: number;
}

export interface DeleteOptions extends WriteOptions {
  cascade?: boolean;
  /** Expected revision (If-Match); 412 when the object changed meanwhile. */
  ifMatch?: number;
}

/** The problem+json body of an error answer, also when the request asked for text (DELETE). */
function problemBody(raw: unknown): Partial<Problem> | undefined {
  if (typeof raw !== 'string') return raw as Partial<Problem> | undefined;
  try {
    return JSON.parse(raw) as Partial<Problem>;
  } catch {
    return undefined;
  }
}

export type AnyObject = ObjectOf<Kind> & { id: string; revision: number };

export class LbaasClient {
  /** The agents, in the order they are tried. */
  readonly endpoints: readonly string[];
  private readonly https: Got[];
  /** Index of the endpoint that answered last: the next request starts there. */
  private current = 0;

  constructor(readonly options: ClientOptions) {
    const list = options.endpoints?.length ? options.endpoints : options.endpoint ? [options.endpoint] : [];
    if (!list.length) throw new Error('LbaasClient: no endpoint');
    this.endpoints = list.map((e) => e.replace(/\/+$/, ''));
    this.https = this.endpoints.map((prefixUrl) =>
      got.extend({
        prefixUrl,
        headers: { authorization: `Bearer ${options.token}`, 'user-agent': 'lbaas-client' },
        timeout: { request: options.timeoutMs ?? 30_000 },
        // Retries are rounds over the endpoints (withFailover), so a dead agent costs one attempt, not a backoff series.
        retry: { limit: 0 },
        responseType: 'json',
      }),
    );
  }

  /** The endpoint in use (the one that answered last). */
  get endpoint(): string {
    return this.endpoints[this.current]!;
  }

  /**
   * One request, on the current agent or, when it does not answer, the next.
   * Every write carries its Idempotency-Key or If-Match unchanged on each try
   * (POST too: the key makes a repeat return the first result).
   */
  private async call<T>(fn: (http: Got) => Promise<T>): Promise<T> {
    try {
      const r = await withFailover(this.https.length, this.current, (this.options.retries ?? 3) + 1, (i) => fn(this.https[i]!));
      this.current = r.index;
      return r.value;
    } catch (err) {
      if (err instanceof HTTPError) {
        const body = problemBody(err.response.body);
        const problem: Problem = {
          type: body?.type ?? 'about:blank',
          title: body?.title ?? err.response.statusMessage ?? 'error',
          status: err.response.statusCode,
          detail: body?.detail ?? String(err.response.body ?? err.message),
          code: body?.code ?? `http_${err.response.statusCode}`,
          ...(body?.errors ? { errors: body.errors } : {}),
          ...(body?.referrers ? { referrers: body.referrers } : {}),
        };
        throw new ApiError(err.response.statusCode, problem, { cause: err });
      }
      throw err;
    }
  }

  private static wait(o?: WriteOptions): Record<string, string> {
    return o?.waitSeconds !== undefined ? { wait: String(o.waitSeconds) } : {};
  }

  async create<K extends Kind>(kind: K, spec: Record<string, unknown>, o: CreateOptions = {}): Promise<ObjectOf<K>> {
    const key = o.idempotencyKey ?? randomUUID();
    return this.call((http) =>
      http
        .post(`v1/${RESOURCES[kind].collection}`, {
          json: spec,
          headers: { 'idempotency-key': key },
          searchParams: LbaasClient.wait(o),
        })
        .json<ObjectOf<K>>(),
    );
  }

  /** The object, or null when the agent does not have it. */
  async get<K extends Kind>(kind: K, id: string): Promise<ObjectOf<K> | null> {
    try {
      return await this.call((http) => http.get(`v1/${RESOURCES[kind].collection}/${encodeURIComponent(id)}`).json<ObjectOf<K>>());
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  async list<K extends Kind>(kind: K, query: Record<string, string> = {}): Promise<ObjectOf<K>[]> {
    const r = await this.call((http) =>
      http.get(`v1/${RESOURCES[kind].collection}`, { searchParams: query }).json<{ items: ObjectOf<K>[] }>(),
    );
    return r.items;
  }

  async update<K extends Kind>(kind: K, id: string, patch: Record<string, unknown>, o: UpdateOptions = {}): Promise<ObjectOf<K>> {
    return this.call((http) =>
      http
        .put(`v1/${RESOURCES[kind].collection}/${encodeURIComponent(id)}`, {
          json: patch,
          headers: o.ifMatch !== undefined ? { 'if-match': `"${o.ifMatch}"` } : {},
          searchParams: LbaasClient.wait(o),
        })
        .json<ObjectOf<K>>(),
    );
  }

  /** Deletes; false when the object was already gone. */
  async delete(kind: Kind, id: string, o: DeleteOptions = {}): Promise<boolean> {
    try {
      await this.call((http) =>
        http.delete(`v1/${RESOURCES[kind].collection}/${encodeURIComponent(id)}`, {
          searchParams: { ...LbaasClient.wait(o), ...(o.cascade ? { cascade: 'true' } : {}) },
          headers: o.ifMatch !== undefined ? { 'if-match': `"${o.ifMatch}"` } : {},
          responseType: 'text',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return false;
      throw err;
    }
  }

  async agent(): Promise<AgentInfo> {
    return this.call((http) => http.get('v1/agent').json<AgentInfo>());
  }

  async poolStats(poolId: string): Promise<unknown> {
    return this.call((http) => http.get(`v1/pools/${encodeURIComponent(poolId)}/stats`).json());
  }

  /**
   * The agents of the cluster (GET /v1/agents), or null when the agent has no
   * such route (a single agent without cluster mode answers 404 there).
   */
  async agents(): Promise<Record<string, unknown>[] | null> {
    try {
      return (await this.call((http) => http.get('v1/agents').json<{ items: Record<string, unknown>[] }>())).items;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }
}
