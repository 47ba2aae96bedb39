// Which WebGL renderer draws the map: a graphics card, or software.
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Whether WebGL runs in software (SwiftShader, llvmpipe, Microsoft's
 * Basic Render Driver): common on depot PCs and remote desktops with no
 * graphics card. There each frame can hold the window for 100 ms, so the
 * map jumps to a selection instead of gliding there through a dozen such
 * frames while the dispatcher waits to click on.
 */
export function softwareRenderer(renderer: string | null): boolean {
  return (
    renderer !== null &&
    /swiftshader|llvmpipe|softpipe|basic render/i.test(renderer)
  );
}

/** The WebGL renderer's name, as the driver gives it, if it says. */
export function rendererOf(map: MapLibreMap): string | null {
  const canvas = map.getCanvas();
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = info
    ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
    : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' ? name : null;
}
