// nestjs-pino keeps the request's logger (and so its request id) in this AsyncLocalStorage.
import { storage } from 'nestjs-pino/storage';

/**
 * Runs `fn` outside any request's log context: what it sets up (a pooled connection's event
 * handlers) must not tag its later lines with the id of the request that happened to start it.
 */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}
