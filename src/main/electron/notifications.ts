// Desktop notifications for the main process (SLA alerts later on). Where
// the platform has none (some Linux desktops, CI) every call is a no-op.
import { Notification } from 'electron';

import type { Logger } from '../log/logger';

export type Notifier = {
  readonly supported: boolean;
  /** Shows a notification; false when none could be shown. */
  notify(title: string, body: string): boolean;
};

export function createNotifier(logger: Logger): Notifier {
  const supported = Notification.isSupported();
  if (!supported) logger.info('desktop notifications are not supported here');

  return {
    supported,
    notify(title, body) {
      if (!supported) return false;
      try {
        new Notification({ title, body, silent: false }).show();
        return true;
      } catch (error) {
        logger.warn('a desktop notification could not be shown', { error });
        return false;
      }
    },
  };
}
