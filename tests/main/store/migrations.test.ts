import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../../src/main/store/database';
import {
  applyMigrations,
  latestSchemaVersion,
} from '../../../src/main/store/schema-migrations';
import { openStore } from '../../../src/main/store/store';

describe('store schema and pragmas', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'streetdesk-store-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('creates every table on an empty database', () => {
    const db = openDatabase(join(folder, 'new.db'));
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all();

    expect(db.pragma('user_version', { simple: true })).toBe(
      latestSchemaVersion,
    );
    const views = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'view'")
      .pluck()
      .all();
    expect(views).toEqual(['requests']);
    expect(tables).toEqual(
      expect.arrayContaining([
        'requests_confirmed',
        'requests_pending',
        'app_meta',
        'crews',
        'assignments',
        'notes',
        'request_history',
        'outbox',
        'sync_state',
      ]),
    );
    db.close();
  });

  it('sets WAL, synchronous FULL, foreign keys and a busy timeout on a file', () => {
    const db = openDatabase(join(folder, 'pragmas.db'));

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('upgrades a version 1 database in place and keeps its data', () => {
    const path = join(folder, 'old.db');
    const old = new Database(path);
    applyMigrations(old, path, 1);
    old
      .prepare(
        `INSERT INTO requests (service_request_id, service_code, service_name,
           status, requested_at, sla_due_at, neighborhood)
         VALUES ('OLD-1', 'pothole', 'Pothole', 'open', 1000, 5000, NULL)`,
      )
      .run();
    old.prepare("INSERT INTO app_meta VALUES ('owner', 'kept')").run();
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();

    const store = openStore(path);

    expect(store.getRequest('OLD-1')?.slaDueAt).toBe(5000);
    expect(store.getMeta('owner')).toBe('kept');
    expect(
      store
        .listQueue({
          filter: { neighborhoods: [''] },
          sort: 'due',
          offset: 0,
          limit: 10,
        })
        .rows.map((row) => row.serviceRequestId),
    ).toEqual(['OLD-1']);
    store.close();

    const reopened = new Database(path);
    expect(reopened.pragma('user_version', { simple: true })).toBe(
      latestSchemaVersion,
    );
    reopened.close();
  });

  it('moves imported and pending rows into the view when upgrading from 6', () => {
    const path = join(folder, 'six.db');
    const old = new Database(path);
    applyMigrations(old, path, 6);
    const insert = old.prepare(
      `INSERT INTO requests (service_request_id, service_code, service_name,
         status, requested_at, sla_due_at, subject, work_status,
         assigned_crew_id, version, pending)
       VALUES (?, 'pothole', 'Pothole', 'open', 1000, 5000, ?, ?, ?, ?, ?)`,
    );
    // Imported with no central API: only in the old table.
    insert.run('LOCAL-1', 'Street Lights', 'open', null, 1, 0);
    // Synced, with a pending assignment replayed on top.
    insert.run('SYNCED-1', null, 'assigned', 'C1', 3, 1);
    old
      .prepare(
        `INSERT INTO requests_confirmed (service_request_id, service_code,
           service_name, status, requested_at, work_status, version)
         VALUES ('SYNCED-1', 'pothole', 'Pothole', 'open', 1000, 'open', 2)`,
      )
      .run();
    old.close();

    const store = openStore(path);

    expect(store.getRequest('LOCAL-1')?.slaDueAt).toBe(5000);
    expect(store.sync.dispatch.getDispatchView('SYNCED-1')).toMatchObject({
      assignedCrewId: 'C1',
      version: 3,
      pending: true,
    });
    expect(store.countOpenRequests()).toBe(2);
    expect(store.sync.confirmed.countConfirmedRequests()).toBe(2);
    store.close();
  });

  it('refuses a database from a newer StreetDesk and leaves it untouched', () => {
    const path = join(folder, 'newer.db');
    const newer = new Database(path);
    newer.pragma(`user_version = ${latestSchemaVersion + 1}`);
    newer.close();

    expect(() => openStore(path)).toThrow(
      new RegExp(`schema version ${latestSchemaVersion + 1}.*newer StreetDesk`),
    );

    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(
      latestSchemaVersion + 1,
    );
    expect(
      check
        .prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'requests'")
        .pluck()
        .get(),
    ).toBe(0);
    check.close();
  });

  it('rolls back a failing migration so the version stays put', () => {
    const path = join(folder, 'clash.db');
    const db = new Database(path);
    applyMigrations(db, path, 1);
    // Something already holds the name migration 3 creates.
    db.exec('CREATE TABLE crews (x)');

    expect(() => applyMigrations(db, path)).toThrow(/crews already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });
});
