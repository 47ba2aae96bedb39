// Staff accounts and sessions on top of the central store.
import type { Role, StaffSession } from '../../shared/sync-protocol';
import type { CentralStore, StaffUser } from '../storage/central-store';
import { hashPassword, spendPasswordCheck, verifyPassword } from './passwords';
import { hashSecret, newSecret } from './secret-tokens';

/** A signed-in session lasts a long shift. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type NewStaffUser = {
  userId: string;
  name: string;
  role: Role;
  password: string;
};

/** Creates the account; false if that user id is taken. */
export async function createStaffUser(
  store: CentralStore,
  user: NewStaffUser,
  now: number,
): Promise<boolean> {
  const passwordHash = await hashPassword(user.password);

  return store.transaction(async (tx) => {
    if ((await tx.findUserForSignIn(user.userId)) !== null) return false;
    await tx.insertUser(
      { userId: user.userId, name: user.name, role: user.role, passwordHash },
      now,
    );
    return true;
  });
}

/** A new session for the right password, or null (which one was wrong is not said). */
export async function signIn(
  store: CentralStore,
  username: string,
  password: string,
  now: number,
  ttlMs = SESSION_TTL_MS,
): Promise<StaffSession | null> {
  const user = await store.findUserForSignIn(username);
  if (user === null) {
    await spendPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;

  const token = newSecret();
  const expiresAt = now + ttlMs;
  await store.transaction(async (tx) => {
    await tx.deleteExpiredSessions(now);
    await tx.insertSession(hashSecret(token), user.userId, expiresAt);
  });

  return {
    token,
    user: { userId: user.userId, name: user.name, role: user.role },
    expiresAt,
  };
}

/** The user a bearer token belongs to, or null if unknown or expired. */
export async function userForToken(
  store: CentralStore,
  token: string,
  now: number,
): Promise<StaffUser | null> {
  const session = await store.findSession(hashSecret(token), now);
  return session?.user ?? null;
}

/** Creates an Open311 API key; the key itself is returned once, never stored. */
export async function createApiKey(
  store: CentralStore,
  label: string,
  now: number,
): Promise<{ keyId: string; apiKey: string }> {
  const apiKey = newSecret();
  const keyId = `K${hashSecret(apiKey).slice(0, 12)}`;

  await store.transaction((tx) =>
    tx.insertApiKey(hashSecret(apiKey), { keyId, label, createdAt: now }),
  );

  return { keyId, apiKey };
}
