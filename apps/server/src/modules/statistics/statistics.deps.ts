import type { DashboardAlert, StatReport } from '@smartedu/contracts';
import type { Database, Tx } from '@smartedu/db';
import type { AccessService, Actor } from '../access';
import type { AuditRepository } from '../audit';
import type { JobQueue } from '../jobs';

/** A notice to a school's accounts with the given roles (the contact book's notifications). */
export type NotifySchoolStaff = (
  tx: Tx,
  schoolId: string,
  roles: string[],
  notice: {
    kind: 'statistics';
    title: string;
    body: string;
    link: string | null;
    key: string;
    emailKey?: string;
  },
) => Promise<number>;

/** Live progress of the plans' targets for a unit (the operations centre), for the consolidated report. */
export type PlanProgressPort = (actor: Actor, unitId: string) => Promise<StatReport['targets']>;

export type StatisticsDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  jobs: Pick<JobQueue, 'enqueue' | 'register' | 'wake'>;
  notifySchoolStaff: NotifySchoolStaff;
  /** Set once the operations module is built (it is registered after this one). */
  planProgress: () => PlanProgressPort | null;
  now: () => Date;
};

export type AlertUnit = { id: string; path: string; kind: string };
export type AlertSource = (unit: AlertUnit, at: Date) => Promise<DashboardAlert[]>;
