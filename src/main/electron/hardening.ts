// The one place that decides what a window's pages may do: no navigation
// away from the app, no new windows, no webviews, and permissions denied
// unless the app's own pages need them. The secure webPreferences are
// written out in window.ts, where Electronegativity can read them.
import type { Session, WebContents } from 'electron';

import type { Logger } from '../log/logger';
import { isAppUrl, originOf } from './app-origin';
import type { ExternalOpener } from './external-links';

export type HardeningOptions = {
  /** Origins of our own pages (see app-origin.ts). */
  origins: readonly string[];
  openExternal: ExternalOpener;
  logger: Logger;
};

/** Permissions a page from the app's own origin may have; all else is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'notifications',
]);

/** Locks down one webContents; applied to every one the app creates. */
export function hardenWebContents(
  contents: WebContents,
  options: HardeningOptions,
): void {
  const { origins, logger } = options;

  const guardNavigation = (
    kind: string,
    event: { preventDefault(): void; url: string },
  ) => {
    if (isAppUrl(event.url, origins)) return;
    event.preventDefault();
    logger.warn(`blocked a ${kind} away from the app`, {
      to: originOf(event.url) ?? event.url.slice(0, 100),
    });
  };

  contents.on('will-navigate', (event) => guardNavigation('navigation', event));
  contents.on('will-frame-navigate', (event) =>
    guardNavigation('frame navigation', event),
  );
  contents.on('will-redirect', (event) => guardNavigation('redirect', event));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a <webview> from attaching');
  });

  contents.setWindowOpenHandler(({ url }) => {
    // A link meant for a new window may be a real link (the city's page on
    // a request type); the URL policy decides whether the OS browser gets it.
    if (/^(https|mailto):/i.test(url)) {
      options.openExternal(url).catch(() => {
        // Refusals are logged by the opener; nothing else to do here.
      });
    } else {
      logger.warn('blocked a new window', {
        to: originOf(url) ?? url.slice(0, 100),
      });
    }
    return { action: 'deny' };
  });
}

/** Denies every permission except ALLOWED_PERMISSIONS for the app's pages. */
export function hardenSession(
  session: Session,
  options: Pick<HardeningOptions, 'origins' | 'logger'>,
): void {
  const { origins, logger } = options;

  session.setPermissionRequestHandler(
    (_contents, permission, callback, details) => {
      const granted =
        ALLOWED_PERMISSIONS.has(permission) &&
        isAppUrl(details.requestingUrl, origins);
      if (!granted) {
        logger.warn('denied a permission request', {
          permission,
          from: originOf(details.requestingUrl),
        });
      }
      callback(granted);
    },
  );

  session.setPermissionCheckHandler((_contents, permission, origin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin, origins);
  });
}

/** Applies hardenWebContents to every webContents, present and future. */
export function hardenEveryWebContents(
  app: Pick<Electron.App, 'on'>,
  options: HardeningOptions,
): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, options);
  });
}
