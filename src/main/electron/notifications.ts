// Desktop notifications for the main process: the services' SLA alerts.
// Where the platform has none (some Linux desktops, CI) every call is a
// no-op. Alert text is plain text: a notification renders no markup.
import { Notification } from 'electron';

import type { EventPayloads } from '../../shared/contract';
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

type AlertSource = {
  on(
    event: 'slaAlert',
    listener: (alert: EventPayloads['slaAlert']) => void,
  ): () => void;
};

/** Shows every SLA alert the services raise; returns the unsubscribe. */
export function showSlaAlerts(events: AlertSource, notifier: Notifier) {
  return events.on('slaAlert', (alert) => {
    notifier.notify(alert.title, alert.body);
  });
}
