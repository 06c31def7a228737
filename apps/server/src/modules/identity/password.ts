import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (m = 19 MiB, t = 2, p = 1).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal valid usernames. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => {
  dummy ??= hashPassword('not-a-real-password-0');
  return dummy;
};
