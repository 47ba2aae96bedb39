// Where the console keeps the user's central API token. Electron wires one
// backed by safeStorage; browser mode keeps a file only its user can read.
import {
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';

export type SecretStore = {
  get(): string | null;
  set(value: string | null): void;
};

/** A token in a file of mode 0600 (browser mode, tests). */
export function createFileSecretStore(path: string): SecretStore {
  return {
    get() {
      if (!existsSync(path)) return null;
      const value = readFileSync(path, 'utf8').trim();
      return value === '' ? null : value;
    },
    set(value) {
      if (value === null) {
        rmSync(path, { force: true });
        return;
      }
      // A new file, then a rename: a crash mid-write never leaves half a
      // token that would lock sync out until the next sign-in.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, value, {
        encoding: 'utf8',
        mode: 0o600,
        flag: 'w',
      });
      renameSync(temporary, path);
    },
  };
}

/** A token held in memory only: gone when the console stops. */
export function createMemorySecretStore(): SecretStore {
  let value: string | null = null;
  return {
    get: () => value,
    set(next) {
      value = next;
    },
  };
}
