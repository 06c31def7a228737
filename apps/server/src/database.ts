import { openDatabase } from '@smartedu/db';
import type { Config } from './config';

/** Opens the configured database and applies the committed migrations. */
export async function openMigratedDatabase(config: Config) {
  const database = await openDatabase(config.database);
  await database.migrate();
  return database;
}
