import type { Locator, Page } from '@playwright/test';

export type PixelSummary = {
  /** How many pixels the screenshot has. */
  pixels: number;
  /** Distinct colours, each channel quantised to 16 levels. */
  distinctColours: number;
  /** Share of pixels that are the most common colour. */
  dominantShare: number;
  /** How many pixels are within 40 of each wanted colour, by hex. */
  matches: Record<string, number>;
};

/**
 * Screenshots `target` and summarises its pixels. The PNG is decoded by the
 * page's own image decoder, so no image library is needed.
 */
export async function summarisePixels(
  page: Page,
  target: Locator,
  wanted: string[] = [],
): Promise<PixelSummary> {
  const png = await target.screenshot();

  return page.evaluate(
    async ({ base64, colours }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();

      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);

      const targets = colours.map((hex) => [
        parseInt(hex.slice(1, 3), 16),
        parseInt(hex.slice(3, 5), 16),
        parseInt(hex.slice(5, 7), 16),
      ]);
      const counts = new Map<number, number>();
      const matches: Record<string, number> = Object.fromEntries(
        colours.map((c) => [c, 0]),
      );

      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
        counts.set(key, (counts.get(key) ?? 0) + 1);

        targets.forEach(([tr = 0, tg = 0, tb = 0], t) => {
          const near =
            Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) <= 40;
          const colour = colours[t];
          if (near && colour !== undefined)
            matches[colour] = (matches[colour] ?? 0) + 1;
        });
      }

      const pixels = data.length / 4;
      return {
        pixels,
        distinctColours: counts.size,
        dominantShare: Math.max(...counts.values()) / pixels,
        matches,
      };
    },
    { base64: png.toString('base64'), colours: wanted },
  );
}
