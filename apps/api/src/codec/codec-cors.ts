import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** The routes of the codec protocol: the only ones a browser page of another origin may call. */
export const CODEC_PATH = '/codec';

/**
 * CORS for the codec endpoint, for the Temporal Web UI's origins only (CODEC_ALLOWED_ORIGINS):
 * the UI calls it from the browser, with the user's Authorization header when it has one. A
 * preflight is answered here, before the auth guard (a browser sends it without the token);
 * another origin gets no CORS headers, so the browser keeps the answer from its page.
 */
export function codecCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (request: Request, response: Response, next: NextFunction): void => {
    const origin = request.headers.origin;
    response.vary('Origin');
    if (origin !== undefined && allowed.has(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      response.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, X-Namespace',
      );
      response.setHeader('Access-Control-Max-Age', '600');
    }
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    next();
  };
}
