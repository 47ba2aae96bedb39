// Settings a console keeps beside its central API address: which basemap
// the map draws, and which SLA alerts reach the person. The shapes are
// checked here; that a file exists and is what it says is checked by the
// services, which can read the disk.
import { z } from 'zod';

const MAX_PATH = 4096;

const localFile = (extension: string) =>
  z
    .string()
    .trim()
    .min(1, 'give the path of the file')
    .max(MAX_PATH)
    .refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), {
      message: 'give the full path of the file, from the drive or /',
    })
    .refine((path) => path.toLowerCase().endsWith(extension), {
      message: `the file's name must end in ${extension}`,
    });

export const basemapSourceSchema = z.discriminatedUnion('kind', [
  /** The offline Boston map shipped with the app: the default. */
  z.object({ kind: z.literal('bundled') }).strict(),
  z
    .object({ kind: z.literal('pmtiles'), path: localFile('.pmtiles') })
    .strict(),
  z
    .object({ kind: z.literal('mbtiles'), path: localFile('.mbtiles') })
    .strict(),
  z
    .object({
      kind: z.literal('style-url'),
      url: z
        .string()
        .trim()
        .max(2048)
        .regex(
          /^https?:\/\/[^\s]+$/i,
          'a style URL must start with http(s)://',
        ),
    })
    .strict(),
]);

export const notificationPrefsSchema = z
  .object({
    /** SLA alerts as desktop notifications and toasts. */
    slaAlerts: z.boolean(),
    /** Which falls raise one: at risk and breached, or breaches only. */
    slaAlertLevel: z.enum(['at_risk', 'breach_only']),
  })
  .strict();

export type BasemapSource = z.infer<typeof basemapSourceSchema>;
export type NotificationPrefs = z.infer<typeof notificationPrefsSchema>;

export const DEFAULT_BASEMAP: BasemapSource = { kind: 'bundled' };

export const DEFAULT_NOTIFICATIONS: NotificationPrefs = {
  slaAlerts: true,
  slaAlertLevel: 'at_risk',
};
