// The BRA neighbourhood polygons are finer than the neighbourhoods Boston
// 311 files cases under: the 2015 cases inside "North End" or "Chinatown"
// say "Downtown / Financial District". Placing a posted request under the
// 311 name keeps it in the same queue filter as the city's own cases. The
// table is what most 2015 cases inside each polygon were filed under
// (a 1-in-7 sample of the geocoded rows).
const POLYGON_TO_311 = new Map<string, string>([
  ['Allston', 'Allston / Brighton'],
  ['Bay Village', 'Back Bay'],
  ['Brighton', 'Allston / Brighton'],
  ['Chinatown', 'Downtown / Financial District'],
  ['Downtown', 'Downtown / Financial District'],
  ['Fenway', 'Fenway / Kenmore / Audubon Circle / Longwood'],
  ['Leather District', 'Downtown / Financial District'],
  ['Longwood Medical Area', 'Fenway / Kenmore / Audubon Circle / Longwood'],
  ['Mattapan', 'Greater Mattapan'],
  ['North End', 'Downtown / Financial District'],
  ['South Boston', 'South Boston / South Boston Waterfront'],
  ['South Boston Waterfront', 'South Boston / South Boston Waterfront'],
  ['West End', 'Back Bay'],
]);

/** The Boston 311 neighbourhood for a polygon's name (most are the same). */
export function boston311Neighborhood(polygonName: string): string {
  return POLYGON_TO_311.get(polygonName) ?? polygonName;
}
