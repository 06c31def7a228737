import { buildApp } from './app';
import { printAccounts } from './commands';
import type { Config } from './config';
import { openMigratedDatabase } from './database';
import { seedDemoData } from './demo';
import { hashPassword } from './modules/identity';

/** Listen and shut down gracefully: nothing else. */
export async function startServer(config: Config) {
  const database = await openMigratedDatabase(config);
  const seeded = await seedDemoData(database, {
    demo: config.seedDemo,
    dataDir: config.dataDir,
    hashPassword,
  });
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
