/**
 * @smartedu/domain: pure rules of Vietnamese general education (no I/O). Circular 22/2021 (THCS, THPT) and
 * Circular 27/2020 (TH) assessment, the 2018 curriculum, ethnic groups and Vietnamese text helpers.
 */

export * from './analysis';
export * from './assessment';
export * from './curriculum/subjects';
export * from './forecasting';
export * from './grading/circular22';
export * from './grading/circular27';
export * from './grading/incomplete-assessment.error';
export type { Label } from './grading/labels';
export * from './people/ethnicities';
export * from './statistics';
export * from './targets';
export * from './text/vietnamese';
