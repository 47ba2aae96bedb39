// The central API token at rest, encrypted with the operating system's key
// store through Electron's safeStorage. Where no key store is available
// (a Linux desktop without a keyring) the token is kept in memory only, so
// the user signs in again after a restart rather than leaving it readable.
import {
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';

import { safeStorage } from 'electron';

import type { Logger } from '../log/logger';
import type { SecretStore } from '../sync/secret-store';

export function createSafeSecretStore(
  path: string,
  logger: Logger,
): SecretStore {
  let inMemory: string | null = null;
  const encryptionWorks = () =>
    safeStorage.isEncryptionAvailable() &&
    // 'basic_text' is a hard-coded key: no better than plain text.
    (process.platform !== 'linux' ||
      safeStorage.getSelectedStorageBackend() !== 'basic_text');

  return {
    get() {
      if (inMemory !== null) return inMemory;
      if (!existsSync(path) || !encryptionWorks()) return null;

      try {
        return safeStorage.decryptString(readFileSync(path));
      } catch (error) {
        logger.warn('the saved sign-in could not be decrypted; sign in again', {
          error: String(error),
        });
        return null;
      }
    },

    set(value) {
      inMemory = null;
      if (value === null) {
        rmSync(path, { force: true });
        return;
      }
      if (!encryptionWorks()) {
        logger.warn(
          'no OS key store: the sign-in is kept for this session only',
        );
        inMemory = value;
        return;
      }
      // Written beside, then renamed: a crash never leaves half a token.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, safeStorage.encryptString(value), {
        mode: 0o600,
      });
      renameSync(temporary, path);
    },
  };
}
