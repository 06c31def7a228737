import { Command } from 'commander';
import {
  createUserCommand,
  migrateCommand,
  runBackup,
  runChecksums,
  runRestore,
  seedCommand,
} from './commands';
import { loadConfig } from './config';
import { startServer } from './main';

/** smartedu: start, migrate, seed, import, export, backup, restore, create-user. */
const program = new Command('smartedu').description('SmartEdu — nền tảng giáo dục thông minh');

program
  .command('start')
  .description('Start the server (embedded PGlite by default; DATABASE_URL for a PostgreSQL server)')
  .action(async () => {
    await startServer(loadConfig());
  });
program
  .command('migrate')
  .description('Apply database migrations')
  .action(async () => migrateCommand(loadConfig()));
program
  .command('seed')
  .description('Load reference data and, on an empty database, the Lai Châu demo')
  .option('--no-demo', 'reference data only')
  .action(async (o: { demo: boolean }) => seedCommand(loadConfig(), o.demo));
program
  .command('create-user')
  .description('Create an account with a role at a unit')
  .requiredOption('--username <username>')
  .requiredOption('--password <password>')
  .requiredOption('--full-name <name>')
  .requiredOption(
    '--role <role>',
    'dept_admin | dept_specialist | school_admin | teacher | staff | parent | student',
  )
  .requiredOption('--unit <code>', 'unit code, e.g. LCU-TP-QT')
  .action(async (o) => createUserCommand(loadConfig(), o));
program
  .command('import')
  .description('Import an Excel file (students | guardians | staff | classes) into a school')
  .argument('<kind>')
  .argument('<file>')
  .requiredOption('--school <code>', 'school unit code')
  .option('--mode <mode>', "'all' (all-or-nothing) or 'valid' (only valid rows)", 'all')
  .action(async (kind: string, file: string, o: { school: string; mode: 'all' | 'valid' }) => {
    const { importCommand } = await import('./modules/imports/imports.cli');
    await importCommand(loadConfig(), kind, file, o);
  });
program
  .command('export')
  .description('Export a list to Excel (students | guardians | staff | classes) for a school')
  .argument('<kind>')
  .argument('<file>')
  .requiredOption('--school <code>', 'school unit code')
  .action(async (kind: string, file: string, o: { school: string }) => {
    const { exportCommand } = await import('./modules/imports/imports.cli');
    await exportCommand(loadConfig(), kind, file, o);
  });
program
  .command('backup')
  .description('Write a portable SQL dump of the database')
  .argument('<file>')
  .action(async (file: string) => runBackup(loadConfig(), file));
program
  .command('restore')
  .description('Load a SQL dump made by `smartedu backup`')
  .argument('<file>')
  .option('--replace', 'remove existing data first')
  .action(async (file: string, o: { replace?: boolean }) =>
    runRestore(loadConfig(), file, Boolean(o.replace)),
  );
program
  .command('checksums')
  .description('Row count and checksum of every table (compare a restored copy with its source)')
  .argument('[file]', 'also write them as JSON to this file')
  .action(async (file?: string) => runChecksums(loadConfig(), file));

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
