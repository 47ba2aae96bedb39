// A small application menu. Developer tools appear only in development
// builds: in production a dispatcher's console has no inspector.
import { Menu, type MenuItemConstructorOptions } from 'electron';

import type { ExternalOpener } from './external-links';

export type MenuOptions = {
  isDevelopment: boolean;
  platform: NodeJS.Platform;
  openExternal: ExternalOpener;
};

export const HELP_URL = 'https://www.boston.gov/departments/boston-311';

export function menuTemplate(
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';

  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (options.isDevelopment) {
    view.unshift(
      { role: 'reload' },
      { role: 'toggleDevTools' },
      {
        type: 'separator',
      },
    );
  }

  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    {
      label: 'Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'Boston 311 on boston.gov',
          click: () => {
            options.openExternal(HELP_URL).catch(() => {
              // The opener logs refusals and failures.
            });
          },
        },
      ],
    },
  ];

  if (isMac) template.unshift({ role: 'appMenu' });
  return template;
}

export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
