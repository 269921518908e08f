import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_RETRY,
  isTransientStatus,
  nextDelayMs,
  parseRetryAfter,
  type RetryPolicy,
} from './retry';

/** A small typed client for the Salur HTTP API, used by the main job. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string },
    /** The request was sent more than once: a refusal may answer an earlier try that applied. */
    readonly retried = false,
  ) {
    super(`HTTP ${status}: ${body.code ?? ''} ${body.message ?? ''}`.trim());
    this.name = 'ApiError';
  }
}

export interface LoginAnswer {
  accessToken: string;
  user: { id: string; role: string; kecamatanCode?: string };
}

export interface ClientOptions {
  retry?: RetryPolicy;
  /** Told about each retry (method, path, why), e.g. to show it in the progress log. */
  onRetry?: (info: { method: string; path: string; reason: string; delayMs: number }) => void;
}

export interface SendOptions {
  /** Sent as `Idempotency-Key`: the API applies a command once however often it arrives. */
  idempotencyKey?: string;
}

/**
 * Requests carry the bearer token of the user the client logged in as. Transient failures
 * (connection refused or reset while the API restarts, 502-504 while a dependency does, 429)
 * are retried with backoff; anything else is the caller's to handle.
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
    private readonly options: ClientOptions = {},
  ) {}

  /** A client acting as this user (POST /auth/login). */
  async login(username: string, password: string): Promise<ApiClient> {
    const answer = await this.post<LoginAnswer>('/auth/login', { username, password });
    return new ApiClient(this.baseUrl, answer.accessToken, this.options);
  }

  async post<T>(path: string, body: unknown, options: SendOptions = {}): Promise<T> {
    return this.send<T>('POST', path, body, options);
  }

  async get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** A multipart upload of one file from disk (read lazily, not held in memory) with text fields. */
  async uploadFile<T>(path: string, filePath: string, fields: Record<string, string>): Promise<T> {
    return this.upload<T>(path, await openAsBlob(filePath), basename(filePath), fields);
  }

  async upload<T>(
    path: string,
    file: Blob,
    fileName: string,
    fields: Record<string, string>,
  ): Promise<T> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, fileName);
    return this.send<T>('POST', path, form);
  }

  /** A file the API serves (a generated document), as bytes. */
  async download(path: string): Promise<Blob> {
    return this.send('GET', path, undefined, {}, (response) => response.blob());
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    options: SendOptions = {},
    read: (response: Response) => Promise<T> = readJson,
  ): Promise<T> {
    const policy = this.options.retry ?? DEFAULT_RETRY;
    const repeatable = method === 'GET' || options.idempotencyKey !== undefined;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.fetchOnce(method, path, body, options);
        if (response.ok) return await read(response);
        const text = await response.text();
        const parsed = parseBody(text);
        if (!isTransientStatus(response.status, repeatable)) {
          throw new ApiError(response.status, parsed, attempt > 0);
        }
        reason = `HTTP ${response.status} ${parsed.code ?? ''}`.trim();
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof ApiError || !isConnectionFailure(error)) throw error;
        reason = connectionReason(error);
      }
      const delayMs = nextDelayMs(policy, attempt, Date.now() - started, Math.random, retryAfterMs);
      if (delayMs === undefined) {
        throw new Error(`${method} ${path} still failing after ${attempt + 1} tries: ${reason}`);
      }
      this.options.onRetry?.({ method, path, reason, delayMs });
      await sleep(delayMs);
    }
  }

  private fetchOnce(
    method: string,
    path: string,
    body: unknown,
    options: SendOptions,
  ): Promise<Response> {
    const json = body !== undefined && !(body instanceof FormData);
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      body: body instanceof FormData ? body : json ? JSON.stringify(body) : undefined,
    });
  }
}

async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

function parseBody(text: string): ApiError['body'] {
  try {
    return text ? (JSON.parse(text) as ApiError['body']) : {};
  } catch {
    // A proxy's or a dying server's HTML page: keep the status, drop the text.
    return {};
  }
}

/**
 * fetch rejects with a TypeError ("fetch failed") whose cause is the socket error
 * (ECONNREFUSED, ECONNRESET, "other side closed"). Tested by name, not instanceof: the
 * TypeError comes from Node's own realm, not necessarily the caller's (Jest's vm, say).
 */
function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'TypeError' || typeof code === 'string';
}

function connectionReason(error: unknown): string {
  const { message, cause } = error as {
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  const detail = cause?.code ?? cause?.message ?? message;
  return typeof detail === 'string' ? detail : 'connection failed';
}
