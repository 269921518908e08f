import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  readonly requestId: string;
  /** The request itself, read late: the auth guard sets `user` after the middleware ran. */
  readonly request: { user?: { id?: unknown } };
}

/** Carries the current request into every log line written while serving it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function userIdOf(request: RequestContext['request']): string | undefined {
  const id = request.user?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
