import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createSafeSecretStore } from '../../../src/main/electron/safe-secret-store';
import { resetFakeElectron, safeStorage } from '../../fakes/electron';
import { recordingLogger } from './recording-logger';

vi.mock('electron', () => import('../../fakes/electron'));

let dir = '';
const token = 'tok_live_0123456789abcdefghij';

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'sd-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the safeStorage secret store', () => {
  it('keeps the token encrypted on disk and reads it back', () => {
    const path = join(dir, 'central-token');
    const logger = recordingLogger();

    createSafeSecretStore(path, logger).set(token);

    expect(readFileSync(path, 'utf8')).not.toContain(token);
    expect(createSafeSecretStore(path, logger).get()).toBe(token);
  });

  it('keeps the token in memory only when the OS has no real key store', () => {
    const path = join(dir, 'central-token');
    const logger = recordingLogger();
    const { lines } = logger;
    safeStorage.backend = 'basic_text';
    const store = createSafeSecretStore(path, logger);

    store.set(token);

    expect(store.get()).toBe(token);
    expect(() => readFileSync(path)).toThrow();
    expect(createSafeSecretStore(path, logger).get()).toBeNull();
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it('asks for a new sign-in when the saved token cannot be decrypted', () => {
    const path = join(dir, 'central-token');
    writeFileSync(path, 'garbage');
    const logger = recordingLogger();

    expect(createSafeSecretStore(path, logger).get()).toBeNull();
  });

  it('forgets the token on sign-out', () => {
    const path = join(dir, 'central-token');
    const logger = recordingLogger();
    const store = createSafeSecretStore(path, logger);
    store.set(token);

    store.set(null);

    expect(store.get()).toBeNull();
    expect(() => readFileSync(path)).toThrow();
  });
});
