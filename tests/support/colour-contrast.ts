// WCAG contrast between two #rrggbb colours: 1 for the same colour, 21 for
// black on white. WCAG asks 3:1 for the parts of a graphic that carry
// meaning, such as a map point.

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928
      ? channel / 12.92
      : ((channel + 0.055) / 1.055) ** 2.4;
  });

  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);

  return (light! + 0.05) / (dark! + 0.05);
}

/** The weakest contrast of any of `colours` over any of `backgrounds`. */
export function weakestContrast(
  colours: readonly string[],
  backgrounds: readonly string[],
): number {
  return Math.min(
    ...colours.flatMap((colour) =>
      backgrounds.map((background) => contrast(colour, background)),
    ),
  );
}
