import { writeFileSync } from 'node:fs';
import { ROLES, type Role } from '@smartedu/contracts';
import { backupDatabase, restoreDatabase, roleAssignments, tableChecksums, units, users } from '@smartedu/db';
import { eq } from 'drizzle-orm';
import type { Config } from './config';
import { openMigratedDatabase } from './database';
import { seedDemoData } from './demo';
import { hashPassword } from './modules/identity';

export async function migrateCommand(config: Config) {
  const database = await openMigratedDatabase(config);
  console.log(`Đã áp dụng migrations (${database.kind}).`);
  await database.close();
}

export async function seedCommand(config: Config, demo: boolean) {
  const database = await openMigratedDatabase(config);
  const r = await seedDemoData(database, { demo, dataDir: config.dataDir, hashPassword });
  printAccounts(r.accounts);
  await database.close();
}

export function printAccounts(
  accounts: { role: string; username: string; password: string; fullName: string; scopeName: string }[],
) {
  if (accounts.length === 0) return;
  console.log('\nTài khoản demo (Lai Châu) — demo accounts:');
  for (const a of accounts)
    console.log(
      `  ${a.role.padEnd(16)} ${a.username.padEnd(18)} ${a.password}   ${a.fullName} — ${a.scopeName}`,
    );
  console.log('');
}

export async function createUserCommand(
  config: Config,
  o: { username: string; password: string; fullName: string; role: string; unit: string },
) {
  if (!ROLES.includes(o.role as Role)) throw new Error(`Vai trò không hợp lệ: ${o.role}`);
  const database = await openMigratedDatabase(config);
  try {
    const [unit] = await database.db.select().from(units).where(eq(units.code, o.unit));
    if (!unit) throw new Error(`Không tìm thấy đơn vị mã ${o.unit}`);
    const passwordHash = await hashPassword(o.password);
    await database.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ username: o.username, passwordHash, fullName: o.fullName, homeUnitId: unit.id })
        .returning();
      await tx.insert(roleAssignments).values({ userId: user.id, role: o.role, unitId: unit.id });
    });
    console.log(`Đã tạo tài khoản ${o.username} (${o.role} @ ${unit.name}).`);
  } finally {
    await database.close();
  }
}

export async function runBackup(config: Config, file: string) {
  const database = await openMigratedDatabase(config);
  try {
    const r = await backupDatabase(database, file);
    console.log(`Đã sao lưu ${r.rows} dòng từ ${r.tables} bảng vào ${file}.`);
  } finally {
    await database.close();
  }
}

export async function runRestore(config: Config, file: string, replace: boolean) {
  const database = await openMigratedDatabase(config);
  try {
    const r = await restoreDatabase(database, file, { replace });
    console.log(`Đã khôi phục ${r.statements} câu lệnh từ ${file}.`);
  } finally {
    await database.close();
  }
}

/**
 * `smartedu checksums [file]`: row count and checksum of every table a backup holds, one table a line (and
 * as JSON to `file`). Run it on the source and on a restored copy: equal output means equal content.
 */
export async function runChecksums(config: Config, file?: string) {
  const database = await openMigratedDatabase(config);
  try {
    const sums = await tableChecksums(database);
    for (const [table, v] of Object.entries(sums))
      console.log(`${table.padEnd(34)} ${String(v.rows).padStart(9)}  ${v.md5}`);
    if (file) writeFileSync(file, `${JSON.stringify(sums, null, 2)}\n`);
  } finally {
    await database.close();
  }
}
