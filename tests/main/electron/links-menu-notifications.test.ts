import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

import {
  Menu,
  Notification,
  resetFakeElectron,
  shell,
} from '../../fakes/electron';
import { createExternalOpener } from '../../../src/main/electron/external-links';
import {
  HELP_URL,
  installAppMenu,
  menuTemplate,
} from '../../../src/main/electron/menu';
import {
  createNotifier,
  showSlaAlerts,
} from '../../../src/main/electron/notifications';
import { createEventHub } from '../../../src/main/services/event-hub';
import { recordingLogger } from './recording-logger';

beforeEach(() => resetFakeElectron());

type Item = {
  role?: string;
  label?: string;
  submenu?: Item[];
  click?: () => void;
};

const roles = (items: Item[]): string[] =>
  items.flatMap((item) => [
    ...(item.role === undefined ? [] : [item.role]),
    ...roles(item.submenu ?? []),
  ]);

describe('createExternalOpener', () => {
  it('hands an allowed link to the shell, normalised', async () => {
    const open = createExternalOpener({ logger: recordingLogger() });
    await open('HTTPS://WWW.BOSTON.GOV/311');
    expect(shell.opened).toEqual(['https://www.boston.gov/311']);
  });

  it('refuses a hostile link with the reason, and logs it', async () => {
    const logger = recordingLogger();
    const open = createExternalOpener({ logger });

    await expect(open('javascript:alert(1)')).rejects.toThrow(
      /^The link was not opened: links with the javascript: scheme/,
    );
    await expect(open('https://boston.gov.evil.com/')).rejects.toThrow(
      /not on the list/,
    );
    expect(shell.opened).toEqual([]);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(
      2,
    );
  });
});

describe('openExternal through the opener', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ms-settings:privacy',
    'smb://evil.example/share',
    'streetdesk://do?thing=1',
    'app://streetdesk/index.html',
    'http://www.boston.gov/',
    'https://',
    'https//www.boston.gov/',
    '//www.boston.gov/',
    'www.boston.gov',
    'https://www.boston.gov:8443/',
    'https://127.0.0.1/',
    '',
  ])('never hands %j to the shell', async (url) => {
    const open = createExternalOpener({ logger: recordingLogger() });
    await expect(open(url)).rejects.toThrow(/^The link was not opened: /);
    expect(shell.opened).toEqual([]);
  });

  it('opens an https link only as the parser wrote it', async () => {
    const open = createExternalOpener({ logger: recordingLogger() });
    await open('https://www.boston.gov/a/../311?q=<x>');
    expect(shell.opened).toEqual(['https://www.boston.gov/311?q=%3Cx%3E']);
  });
});

describe('the application menu', () => {
  const options = (isDevelopment: boolean, platform: NodeJS.Platform) => ({
    isDevelopment,
    platform,
    openExternal: createExternalOpener({ logger: recordingLogger() }),
  });

  it('has Edit, View, Window and Help', () => {
    const labels = menuTemplate(options(false, 'linux')).map(
      (item) => item.label,
    );
    expect(labels).toEqual(['Edit', 'View', 'Window', 'Help']);
  });

  it('has no developer tools or reload in production', () => {
    const production = roles(menuTemplate(options(false, 'linux')) as Item[]);
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');

    const development = roles(menuTemplate(options(true, 'linux')) as Item[]);
    expect(development).toContain('toggleDevTools');
  });

  it('adds the app menu on macOS', () => {
    expect(menuTemplate(options(false, 'darwin'))[0]?.role).toBe('appMenu');
  });

  it('is installed, and its help link passes the URL policy', async () => {
    installAppMenu(options(false, 'win32'));
    const template = Menu.applied?.template as Item[];
    const help = template.find((item) => item.label === 'Help');

    help?.submenu?.[0]?.click?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shell.opened).toEqual([HELP_URL]);
  });
});

describe('createNotifier', () => {
  it('shows notifications where supported', () => {
    const notifier = createNotifier(recordingLogger());
    expect(notifier.notify('SLA breached', 'Case 101000001')).toBe(true);
    expect(Notification.shown).toEqual([
      expect.objectContaining({
        title: 'SLA breached',
        body: 'Case 101000001',
      }),
    ]);
  });

  it('is a no-op where unsupported', () => {
    Notification.supported = false;
    const notifier = createNotifier(recordingLogger());
    expect(notifier.supported).toBe(false);
    expect(notifier.notify('SLA breached', 'Case 1')).toBe(false);
    expect(Notification.shown).toEqual([]);
  });
});

describe('showSlaAlerts', () => {
  it('shows each SLA alert as plain text, until unsubscribed', () => {
    const events = createEventHub(() => undefined);
    const stop = showSlaAlerts(events, createNotifier(recordingLogger()));
    const planted = '<img src=x onerror=alert(1)> 12 Main St';

    events.emit('slaAlert', {
      requestId: 'R1',
      state: 'breached',
      title: 'SLA breached: Pothole',
      body: `Request R1 (assigned), ${planted}.`,
    });
    stop();
    events.emit('slaAlert', {
      requestId: 'R2',
      state: 'at_risk',
      title: 'SLA at risk: Pothole',
      body: 'Request R2 (watched), 1 Elm St.',
    });

    expect(Notification.shown).toEqual([
      expect.objectContaining({
        title: 'SLA breached: Pothole',
        body: `Request R1 (assigned), ${planted}.`,
      }),
    ]);
  });
});
