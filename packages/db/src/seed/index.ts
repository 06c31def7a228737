export {
  DEMO_DEVICE_SERIALS,
  type SeedAttendanceDemoOptions,
  type SeedAttendanceDemoResult,
  seedAttendanceDemo,
} from './attendance-demo';
export {
  type SeedContactBookDemoOptions,
  type SeedContactBookDemoResult,
  seedContactBookDemo,
} from './contact-book-demo';
export { type DemoAccount, type DemoRole, type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demo';
export {
  DEMO_EXAM_IDS,
  type DemoPaperQuestion,
  type DemoPaperVersion,
  type ExamsDemoRules,
  type SeedExamsDemoOptions,
  type SeedExamsDemoResult,
  seedExamsDemo,
} from './exams-demo';
export {
  type GradebookDemoRules,
  type SeedGradebookDemoOptions,
  type SeedGradebookDemoResult,
  seedGradebookDemo,
} from './gradebook-demo';
export {
  LAI_CHAU_BUDGET_LINES,
  LAI_CHAU_PLAN_BUDGET,
  LAI_CHAU_PLAN_CODE,
  LAI_CHAU_TARGETS,
  type OperationsDemoRules,
  type SeedOperationsDemoOptions,
  type SeedOperationsDemoResult,
  seedOperationsDemo,
} from './operations-demo';
export { DEMO_PASSWORD, LAI_CHAU_PILOT, type PilotClass, type PilotSchool } from './pilot';
export {
  DEMO_BLUEPRINTS,
  type DemoBody,
  type DemoCell,
  QUESTION_BANK_DEMO_COUNTS,
  type QuestionBankDemoRules,
  type SeedQuestionBankDemoOptions,
  type SeedQuestionBankDemoResult,
  seedQuestionBankDemo,
} from './question-bank-demo';
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
