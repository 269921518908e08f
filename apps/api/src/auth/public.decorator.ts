import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'salur:public';

/**
 * Opens a route to callers without a token (login, /health, /ready, /docs). Every other
 * route requires a valid bearer token: the global AuthGuard refuses it otherwise.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
