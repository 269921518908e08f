import type { Role } from './roles';

/** What an actor sends with a command: who they are and the event's fields. */
export interface CommandRequest {
  role: Role;
  /** Opaque user id for the audit trail; never a NIK or a name. */
  actorId: string;
  payload?: Record<string, unknown>;
}
