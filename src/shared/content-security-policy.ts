// The one Content-Security-Policy for the renderer, sent by both the Electron
// protocol handler and the browser-mode server. No eval, no inline script
// or style, nothing from another host. MapLibre's worker is a file of the
// app's own ('self'); where MapLibre judges that file cross-origin it starts
// the worker from a blob: that imports it, hence blob: in worker-src only.
// Pinned, directive by directive, in tests/main/electron/csp.test.ts.
// A style URL the person chose as basemap adds its origin to connect-src,
// and nothing else: the origin only, checked to be a plain http(s) one.
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;

export function contentSecurityPolicy(
  connectOrigins: readonly string[] = [],
): string {
  const connect = [
    "'self'",
    ...connectOrigins.filter((origin) => PLAIN_ORIGIN.test(origin)),
  ];

  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
