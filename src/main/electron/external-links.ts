// Opens links in the user's browser or mail client, but only those the URL
// policy allows. This is the `openExternal` the services receive, and what
// a window's "open in new window" requests are handed to.
import { shell } from 'electron';

import type { Logger } from '../log/logger';
import { checkExternalUrl, DEFAULT_ALLOWED_HOSTS } from '../web/url-policy';

export type ExternalOpener = (url: string) => Promise<void>;

export type ExternalOpenerOptions = {
  logger: Logger;
  allowedHosts?: readonly string[];
  /** How an allowed URL reaches the OS; Electron's shell unless told. */
  openWithOs?: (url: string) => Promise<void>;
};

export function createExternalOpener(
  options: ExternalOpenerOptions,
): ExternalOpener {
  const { logger } = options;
  const allowedHosts = options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS;
  const openWithOs = options.openWithOs ?? ((url) => shell.openExternal(url));

  return async (url) => {
    const decision = checkExternalUrl(url, allowedHosts);
    if (!decision.allowed) {
      logger.warn('refused to open an external link', {
        url: url.slice(0, 200),
        reason: decision.reason,
      });
      throw new Error(`The link was not opened: ${decision.reason}.`);
    }

    logger.info('opening an external link', { url: decision.url });
    await openWithOs(decision.url);
  };
}
