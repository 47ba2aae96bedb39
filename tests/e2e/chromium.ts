// Debian's Chromium, started the way this offline machine needs: no
// sandbox (root), no GPU (WebGL runs on SwiftShader), no calls home.
export const CHROMIUM_PATH =
  process.env.STREETDESK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
