import { describe, expect, it } from 'vitest';

import {
  bearingBetween,
  compassPoint,
  formatMetres,
  metresBetween,
} from '../../src/shared/geo-distance';

// Boston City Hall; a thousandth of a degree is about 111 m of latitude.
const LAT = 42.3603;
const LONG = -71.0578;

describe('distances and directions on the ground', () => {
  it('measures a degree of latitude as about 111 km', () => {
    expect(metresBetween(LAT, LONG, LAT + 1, LONG)).toBeCloseTo(111_195, -1);
  });

  it.each([
    ['north', 0.01, 0, 0],
    ['east', 0, 0.01, 90],
    ['south', -0.01, 0, 180],
    ['west', 0, -0.01, 270],
  ])('gives the bearing of a point due %s', (_way, dLat, dLong, bearing) => {
    expect(bearingBetween(LAT, LONG, LAT + dLat, LONG + dLong)).toBeCloseTo(
      bearing,
      0,
    );
  });

  it('names the nearest of eight compass points, north either side of 0', () => {
    expect(compassPoint(0)).toBe('N');
    expect(compassPoint(22)).toBe('N');
    expect(compassPoint(23)).toBe('NE');
    expect(compassPoint(135)).toBe('SE');
    expect(compassPoint(200)).toBe('S');
    expect(compassPoint(290)).toBe('W');
    expect(compassPoint(338)).toBe('N');
    expect(compassPoint(-45)).toBe('NW');
    expect(compassPoint(720 + 90)).toBe('E');
  });

  it('words a distance in metres to ten, or kilometres to one decimal', () => {
    expect(formatMetres(43)).toBe('40 m');
    expect(formatMetres(350)).toBe('350 m');
    expect(formatMetres(1_234)).toBe('1.2 km');
    expect(formatMetres(12_400)).toBe('12.4 km');
  });
});
