import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

/** A small typed client for the Salur HTTP API, used by the main job. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string },
  ) {
    super(`HTTP ${status}: ${body.code ?? ''} ${body.message ?? ''}`.trim());
    this.name = 'ApiError';
  }
}

export interface LoginAnswer {
  accessToken: string;
  user: { id: string; role: string; kecamatanCode?: string };
}

/** Requests carry the bearer token of the user the client logged in as. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  /** A client acting as this user (POST /auth/login). */
  async login(username: string, password: string): Promise<ApiClient> {
    const answer = await this.post<LoginAnswer>('/auth/login', { username, password });
    return new ApiClient(this.baseUrl, answer.accessToken);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
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

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const json = body !== undefined && !(body instanceof FormData);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body instanceof FormData ? body : json ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) throw new ApiError(response.status, parsed as ApiError['body']);
    return parsed as T;
  }
}
