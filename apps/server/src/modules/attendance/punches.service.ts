import type { Queryable } from '@smartedu/db';
import { createAttendanceRepository, type RecordInsert } from './attendance.repository';
import { createDevicesRepository, type PersonKind, type PunchInsert } from './devices.repository';
import { stateOf } from './iclock/iclock.protocol';
import type { LocalInstant } from './local-time';

/** A punch from any terminal, normalised: both the ZKTeco push protocol and the webhook yield this. */
export type NormalizedPunch = LocalInstant & {
  pin: string;
  status: number | null;
  verify: number | null;
  workcode: string | null;
};

export type IngestResult = {
  /** Punches in the batch (after removing repeats within it). */
  received: number;
  /** Newly stored. */
  inserted: number;
  /** Already stored (a resent batch). */
  duplicates: number;
  /** PINs not mapped to anyone of the school: stored, counted for nobody until mapped. */
  unknownPins: string[];
};

/** A punch more than a day ahead of the time it arrived comes from a wrong device clock. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

type DayKey = { personKind: string | null; personId: string | null; localDate: string; future: boolean };

/**
 * Stores a batch of punches of one device in the caller's transaction (duplicates skipped by the unique key
 * on device, PIN and instant) and refreshes the day records of the people they belong to.
 */
export async function ingestPunches(
  tx: Queryable,
  device: { id: string; sn: string | null; schoolId: string },
  punches: NormalizedPunch[],
  source: 'zkteco' | 'webhook',
  now: Date,
): Promise<IngestResult> {
  const devices = createDevicesRepository(tx);
  const unique = new Map<string, NormalizedPunch>();
  for (const p of punches) unique.set(`${p.pin}|${p.instant.getTime()}`, p);
  const batch = [...unique.values()];
  const people = await devices.resolvePins(
    device.schoolId,
    device.id,
    batch.map((p) => p.pin),
  );
  const rows: PunchInsert[] = batch.map((p) => {
    const person = people.get(p.pin);
    return {
      schoolId: device.schoolId,
      deviceId: device.id,
      deviceSn: device.sn,
      pin: p.pin,
      localTime: p.localTime,
      localDate: p.localDate,
      punchedAt: p.instant,
      status: p.status,
      state: stateOf(p.status),
      verify: p.verify,
      workcode: p.workcode,
      personKind: person?.personKind ?? null,
      personId: person?.personId ?? null,
      future: p.instant.getTime() > now.getTime() + FUTURE_TOLERANCE_MS,
      source,
    };
  });
  const inserted = await devices.insertPunches(rows);
  await refreshDays(tx, device.schoolId, inserted);
  return {
    received: batch.length,
    inserted: inserted.length,
    duplicates: batch.length - inserted.length,
    unknownPins: [...new Set(batch.filter((p) => !people.has(p.pin)).map((p) => p.pin))],
  };
}

/**
 * Daily presence from punches: the first punch of the day is the arrival (giờ đến), the last the departure
 * (giờ về); a person with punches is present unless the roll says otherwise. Recomputed from every stored
 * punch of the person-day, so it does not matter in which order or how often the punches arrive.
 */
export async function refreshDays(tx: Queryable, schoolId: string, keys: DayKey[]) {
  const wanted = keys.filter((k) => k.personId && k.personKind && !k.future);
  if (wanted.length === 0) return;
  const want = new Set(wanted.map((k) => `${k.personId}|${k.localDate}`));
  const devices = createDevicesRepository(tx);
  const attendance = createAttendanceRepository(tx);
  const bounds = (
    await devices.dayBounds(
      schoolId,
      wanted.map((k) => k.personId!),
      wanted.map((k) => k.localDate),
    )
  ).filter((b) => want.has(`${b.personId}|${b.localDate}`));
  const studentIds = bounds.filter((b) => b.personKind === 'student').map((b) => b.personId!);
  const classOn = await attendance.classesOn(
    schoolId,
    studentIds,
    bounds.map((b) => b.localDate),
  );
  const rows: RecordInsert[] = bounds.map((b) => ({
    schoolId,
    personKind: b.personKind as PersonKind,
    personId: b.personId!,
    classId: b.personKind === 'student' ? (classOn.get(`${b.personId}|${b.localDate}`) ?? null) : null,
    date: b.localDate,
    period: 0,
    status: 'present',
    source: 'device',
    arrivedAt: b.first,
    leftAt: b.punches > 1 ? b.last : null,
  }));
  await attendance.upsertDeviceDays(rows);
}
