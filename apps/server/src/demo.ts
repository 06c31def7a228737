import {
  type Database,
  seedAttendanceDemo,
  seedContactBookDemo,
  seedDemo,
  seedReference,
} from '@smartedu/db';
import { seedExamsDemoData } from './modules/exams';
import { seedForecastsDemoData } from './modules/forecasts';
import { seedGradebookDemoResults } from './modules/gradebook';
import { seedOperationsDemoData } from './modules/operations';
import { seedQuestionBankDemoData } from './modules/question-bank';
import { seedStatisticsDemoData } from './modules/statistics';

/**
 * Reference data, then (when `demo` and the database is empty) the Lai Châu demo with every module's data:
 * registry, gradebook results, question bank and city-wide tests, exams, contact book, attendance, operations, statistics reports, forecasts.
 * Used by `smartedu start`, `smartedu seed` and the tests that need the whole demo (e.g. backup round trips).
 */
export async function seedDemoData(
  database: Database,
  opts: { demo: boolean; dataDir: string; hashPassword: (plain: string) => Promise<string> },
) {
  await seedReference(database.db);
  const seeded = opts.demo
    ? await seedDemo(database.db, { hashPassword: opts.hashPassword, transaction: database.transaction })
    : { accounts: [] };
  if (seeded.accounts.length > 0) {
    // The demo was just seeded: the modules' demo data, in dependency order.
    // Attendance before the gradebook's year-end results, which count each student's absent sessions.
    await seedAttendanceDemo(database.db, { transaction: database.transaction });
    await seedGradebookDemoResults(database);
    await seedQuestionBankDemoData(database); // bank and city-wide tests
    await seedExamsDemoData(database, { dataDir: opts.dataDir }); // after the bank
    await seedContactBookDemo(database.db, { transaction: database.transaction });
    await seedOperationsDemoData(database); // after the other demo seeds
    await seedStatisticsDemoData(database); // quarterly statistics reports
    await seedForecastsDemoData(database); // enrolment history and births
  }
  return seeded;
}
