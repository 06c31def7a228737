import type { Database } from '@smartedu/db';
import type { AccessService } from '../access';
import type { AuditRepository } from '../audit';

/** What the operations services receive from the composition root. */
export type OperationsDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  /** The clock (tests move it). */
  now: () => Date;
};
