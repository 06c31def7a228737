import type { Database } from '@smartedu/db';
import type { EventBus } from '../../events';
import type { AccessService } from '../access';
import type { AuditRepository } from '../audit';

/** What the attendance services receive from the composition root. */
export type AttendanceDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  events: EventBus;
  /** The clock (tests move it). */
  now?: () => Date;
};
