// Where the console's own pages come from: the `app://streetdesk` protocol in
// a built app, or electron-vite's dev server while developing. Anything else
// is foreign and gets neither navigation nor the services.

export const APP_SCHEME = 'app';
export const APP_HOST = 'streetdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * scheme://host[:port] of a URL, or null when it does not parse. Node's
 * `URL.origin` is "null" for custom schemes, so it is built by hand.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.host === '') return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** The origins our windows may load: the app's, and the dev server's if any. */
export function appOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  const devOrigin = devServerUrl === undefined ? null : originOf(devServerUrl);
  if (devOrigin !== null) origins.push(devOrigin);
  return origins;
}

export function isAppUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}
