// The first-run setup guide's steps and how far each is, from the saved
// settings. Pure, so the wording is tested without a DOM.
import type { ConsoleSettings } from '../../../shared/contract';

export type SetupStep = { title: string; done: boolean; state: string };

const BASEMAP_NAMES = {
  bundled: 'the bundled Boston map, which works offline',
  pmtiles: 'a PMTiles file',
  mbtiles: 'an MBTiles file',
  'style-url': 'a map style URL',
} as const;

export function setupSteps(settings: ConsoleSettings): SetupStep[] {
  const { centralUrl, signedInAs, basemap, notifications } = settings;
  const where =
    basemap.kind === 'bundled'
      ? ''
      : ` (${basemap.kind === 'style-url' ? basemap.url : basemap.path})`;
  const alerts = !notifications.slaAlerts
    ? 'Off: no SLA alerts.'
    : notifications.slaAlertLevel === 'at_risk'
      ? 'On, when a request falls at risk and when it breaches.'
      : 'On, when a request breaches.';

  return [
    {
      title: "Connect to the city's central API",
      done: centralUrl !== null,
      state:
        centralUrl === null
          ? 'Not connected. Enter the address IT gave you under Central API; ' +
            'until then the console shows only what it holds.'
          : `Connected to ${centralUrl}.`,
    },
    {
      title: 'Sign in',
      done: signedInAs !== null,
      state:
        signedInAs === null
          ? 'Not signed in. Use the account IT gave you.'
          : `Signed in as ${signedInAs.name} (${signedInAs.role}).`,
    },
    {
      title: 'Choose the map',
      done: true,
      state:
        `Drawing ${BASEMAP_NAMES[basemap.kind]}${where}. Keep it, or ` +
        'choose a file or style under Basemap.',
    },
    {
      title: 'Choose SLA alerts',
      done: true,
      state: `${alerts} Change it under SLA alerts.`,
    },
  ];
}
