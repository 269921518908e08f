import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet's defaults: CSP, nosniff, frame-ancestors 'none',
 * no referrer, HSTS, ...). Registered before any route, /docs included: Swagger UI loads its
 * scripts and styles from /docs itself, which the default CSP allows. The API is served
 * over plain HTTP on 127.0.0.1 (TLS, where there is any, ends at a proxy), so the CSP does
 * not ask browsers to upgrade requests to HTTPS.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
}
