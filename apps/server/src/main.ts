import { seedAttendanceDemo, seedContactBookDemo, seedDemo, seedReference } from '@smartedu/db';
import { buildApp } from './app';
import { printAccounts } from './commands';
import type { Config } from './config';
import { openMigratedDatabase } from './database';
import { seedExamsDemoData } from './modules/exams';
import { seedGradebookDemoResults } from './modules/gradebook';
import { hashPassword } from './modules/identity';
import { seedOperationsDemoData } from './modules/operations';
import { seedQuestionBankDemoData } from './modules/question-bank';

/** Listen and shut down gracefully: nothing else. */
export async function startServer(config: Config) {
  const database = await openMigratedDatabase(config);
  await seedReference(database.db);
  const seeded = config.seedDemo
    ? await seedDemo(database.db, { hashPassword, transaction: database.transaction })
    : { accounts: [] };
  // Attendance before the gradebook's year-end results, which count each student's absent sessions.
  if (seeded.accounts.length > 0)
    await seedAttendanceDemo(database.db, { transaction: database.transaction });
  if (seeded.accounts.length > 0) await seedGradebookDemoResults(database); // the demo was just seeded
  if (seeded.accounts.length > 0) await seedQuestionBankDemoData(database); // bank and city-wide tests
  if (seeded.accounts.length > 0) await seedExamsDemoData(database, { dataDir: config.dataDir }); // after the bank
  if (seeded.accounts.length > 0)
    await seedContactBookDemo(database.db, { transaction: database.transaction });
  if (seeded.accounts.length > 0) await seedOperationsDemoData(database); // after the other demo seeds
  const app = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  printAccounts(seeded.accounts);
  console.log(
    `SmartEdu: http://localhost:${config.port}  (API docs: http://localhost:${config.port}/api/docs, database: ${database.kind})`,
  );
  return app;
}
