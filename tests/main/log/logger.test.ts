import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createLogger, type LogLine } from '../../../src/main/log/logger';

let dir: string;

const readLines = (file: string): LogLine[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streetdesk-log-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('createLogger', () => {
  it('appends one JSON object per line, creating the folders', () => {
    const file = join(dir, 'deep', 'logs', 'streetdesk.log');
    const logger = createLogger({
      file,
      level: 'debug',
      component: 'main',
      now: () => new Date('2026-03-01T12:00:00.000Z'),
    });

    logger.info('sync finished', { changed: 12 });
    logger.error('import failed');

    expect(readLines(file)).toEqual([
      {
        time: '2026-03-01T12:00:00.000Z',
        level: 'info',
        component: 'main',
        message: 'sync finished',
        context: { changed: 12 },
      },
      {
        time: '2026-03-01T12:00:00.000Z',
        level: 'error',
        component: 'main',
        message: 'import failed',
      },
    ]);
  });

  it('drops lines below its level', () => {
    const file = join(dir, 'a.log');
    const logger = createLogger({ file, level: 'warn' });

    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');

    expect(readLines(file).map((line) => line.level)).toEqual([
      'warn',
      'error',
    ]);
  });

  it('tags a child logger with its component and shares the file', () => {
    const file = join(dir, 'a.log');
    const logger = createLogger({ file, level: 'info', component: 'main' });

    logger.child('ipc').info('refused');
    logger.child('ipc').child('events').info('forwarded');

    expect(readLines(file).map((line) => line.component)).toEqual([
      'main/ipc',
      'main/ipc/events',
    ]);
  });

  it('redacts secret keys at any depth and keeps the rest', () => {
    const file = join(dir, 'a.log');
    const logger = createLogger({ file, level: 'info' });

    logger.info('request', {
      token: 'abc123',
      headers: {
        Authorization: 'Bearer xyz',
        Cookie: 'sd_token=1',
        accept: 'json',
      },
      user: { password: 'hunter2', name: 'dispatcher' },
      apiKey: 'k1',
      api_key: 'k2',
      clientSecret: 's',
      list: [{ sessionToken: 't' }],
    });

    const text = readFileSync(file, 'utf8');
    for (const secret of [
      'abc123',
      'xyz',
      'sd_token=1',
      'hunter2',
      'k1',
      'k2',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(readLines(file)[0]?.context).toEqual({
      token: '[redacted]',
      headers: {
        Authorization: '[redacted]',
        Cookie: '[redacted]',
        accept: 'json',
      },
      user: { password: '[redacted]', name: 'dispatcher' },
      apiKey: '[redacted]',
      api_key: '[redacted]',
      clientSecret: '[redacted]',
      list: [{ sessionToken: '[redacted]' }],
    });
  });

  it('cuts long personal text and survives cycles and errors', () => {
    const file = join(dir, 'a.log');
    const logger = createLogger({ file, level: 'info', maxTextLength: 20 });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;

    logger.info('case', {
      description: 'The resident says the pothole on Elm Street is deep',
      cyclic,
      error: new Error('disk full'),
    });

    const context = readLines(file)[0]?.context as Record<string, unknown>;
    expect(context.description).toBe(
      'The resident says th… [31 more characters]',
    );
    expect(context.cyclic).toEqual({ name: 'loop', self: '[circular]' });
    expect(context.error).toMatchObject({
      name: 'Error',
      message: 'disk full',
    });
  });

  it('rotates past maxBytes, keeping only keepFiles old files', () => {
    const file = join(dir, 'streetdesk.log');
    const logger = createLogger({
      file,
      level: 'info',
      maxBytes: 1000,
      keepFiles: 2,
    });

    for (let index = 0; index < 60; index += 1) {
      logger.info(`line ${index}`, { padding: 'x'.repeat(50) });
    }

    expect(statSync(file).size).toBeLessThanOrEqual(1000);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(1000);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);

    // The newest line is in the current file, the one before it in .1.
    const current = readLines(file);
    expect(current.at(-1)?.message).toBe('line 59');
    const previous = readLines(`${file}.1`);
    const firstCurrent = Number(current[0]?.message.split(' ')[1]);
    expect(previous.at(-1)?.message).toBe(`line ${firstCurrent - 1}`);
  });

  it('continues an existing file and counts its size', () => {
    const file = join(dir, 'streetdesk.log');
    createLogger({ file, level: 'info' }).info('first run');
    createLogger({ file, level: 'info' }).info('second run');

    expect(readLines(file).map((line) => line.message)).toEqual([
      'first run',
      'second run',
    ]);
  });

  it('echoes to stderr when asked, and never throws when the file fails', () => {
    const stderr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const file = join(dir, 'gone', 'a.log');
    const logger = createLogger({ file, level: 'info', console: true });

    logger.info('to both');
    rmSync(join(dir, 'gone'), { recursive: true });
    expect(() => logger.info('after the folder vanished')).not.toThrow();

    const written = stderr.mock.calls.map((call) => String(call[0]));
    expect(written.some((text) => text.includes('"to both"'))).toBe(true);
    expect(written.some((text) => text.includes('could not write'))).toBe(true);
    expect(
      written.some((text) => text.includes('after the folder vanished')),
    ).toBe(true);
  });
});
