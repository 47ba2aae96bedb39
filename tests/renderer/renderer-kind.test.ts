import { describe, expect, it } from 'vitest';

import { softwareRenderer } from '../../src/renderer/src/map/renderer-kind';

describe('the map renderer kind', () => {
  it('knows the software renderers of Chromium, Mesa and Windows', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) ' +
        '(0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ]) {
      expect(softwareRenderer(name), name).toBe(true);
    }
  });

  it('takes a graphics card, or a renderer that does not say, as hardware', () => {
    for (const name of [
      'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'NVIDIA GeForce RTX 3060/PCIe/SSE2',
      'WebKit WebGL',
    ]) {
      expect(softwareRenderer(name), name).toBe(false);
    }
    expect(softwareRenderer(null)).toBe(false);
  });
});
