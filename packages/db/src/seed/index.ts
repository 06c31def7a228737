export { type DemoAccount, type DemoRole, type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demo';
export { DEMO_PASSWORD, LAI_CHAU_PILOT, type PilotClass, type PilotSchool } from './pilot';
export { seedReference } from './reference';
export {
  type Assessment,
  ETHNICITIES,
  type EthnicityRef,
  SCHOOL_YEARS,
  type SchoolLevel,
  type SchoolYearRef,
  SUBJECTS,
  type SubjectRef,
} from './reference-data';
