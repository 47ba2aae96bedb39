// Demo crews for Boston's real work queues (as named in the 2015 311
// export), based at plausible city yards. Positions are approximate.

export type Depot = { name: string; lat: number; long: number };

const yard = (name: string, lat: number, long: number): Depot => ({
  name,
  lat,
  long,
});

export const DEPOTS = {
  frontage: yard('Frontage Road yard, South End', 42.3393, -71.0609),
  charlestown: yard('Charlestown yard, Rutherford Ave', 42.379, -71.068),
  northEnd: yard('North End yard, Commercial St', 42.3668, -71.0527),
  jamaicaPlain: yard('Forest Hills yard, Jamaica Plain', 42.301, -71.1135),
  northDorchester: yard('Bowdoin St yard, Dorchester', 42.3063, -71.0683),
  brighton: yard('Brighton yard, Western Ave', 42.3633, -71.138),
  southBoston: yard('South Boston yard, East First St', 42.34, -71.033),
  westRoxbury: yard('West Roxbury yard, Spring St', 42.2782, -71.1616),
  southDorchester: yard('Gallivan Blvd yard, Dorchester', 42.283, -71.06),
  hydePark: yard('Hyde Park yard, Sprague St', 42.2455, -71.129),
  eastBoston: yard('East Boston yard, Condor St', 42.3833, -71.0354),
  roxbury: yard('Roxbury yard, Hampden St', 42.329, -71.074),
  franklinPark: yard('Franklin Park maintenance yard', 42.307, -71.092),
  moakleyPark: yard('Moakley Park yard, South Boston', 42.3225, -71.052),
  courtStreet: yard('Property Management, 26 Court St', 42.3589, -71.0597),
} as const;

export type DepotKey = keyof typeof DEPOTS;

export type CrewPlan = {
  crewId: string;
  name: string;
  depot: DepotKey;
  queues: string[];
  shift: 'day' | 'evening' | 'night';
};

type District = { code: string; area: string; depot: DepotKey; crews: number };

/** Public Works' district queues: PWDx_District {code}: {area}. */
const DISTRICTS: District[] = [
  { code: '1A', area: 'Charlestown', depot: 'charlestown', crews: 2 },
  { code: '1B', area: 'North End', depot: 'northEnd', crews: 2 },
  { code: '1C', area: 'Downtown', depot: 'frontage', crews: 3 },
  { code: '02', area: 'Jamaica Plain', depot: 'jamaicaPlain', crews: 3 },
  { code: '03', area: 'North Dorchester', depot: 'northDorchester', crews: 2 },
  { code: '04', area: 'Allston/Brighton', depot: 'brighton', crews: 2 },
  { code: '05', area: 'South Boston', depot: 'southBoston', crews: 2 },
  {
    code: '06',
    area: 'West Roxbury and Roslindale',
    depot: 'westRoxbury',
    crews: 3,
  },
  { code: '07', area: 'South Dorchester', depot: 'southDorchester', crews: 2 },
  { code: '08', area: 'Hyde Park', depot: 'hydePark', crews: 2 },
  { code: '09', area: 'East Boston', depot: 'eastBoston', crews: 2 },
  { code: '10A', area: 'Roxbury', depot: 'roxbury', crews: 2 },
  { code: '10B', area: 'Roxbury', depot: 'roxbury', crews: 2 },
];

function districtCrews(district: District): CrewPlan[] {
  const queues = [`PWDx_District ${district.code}: ${district.area}`];
  const code = district.code.toLowerCase();
  const crews = Array.from({ length: district.crews }, (_, i): CrewPlan => ({
    crewId: `pwd-d${code}-${i + 1}`,
    name: `PWD District ${district.code} crew ${i + 1} (${district.area})`,
    depot: district.depot,
    queues,
    // The last crew of each district covers the evening.
    shift: i === district.crews - 1 ? 'evening' : 'day',
  }));
  // Every district keeps one crew on call overnight, so a dispatcher on
  // the night desk has someone to send.
  crews.push({
    crewId: `pwd-d${code}-night`,
    name: `PWD District ${district.code} night crew (${district.area})`,
    depot: district.depot,
    queues,
    shift: 'night',
  });

  return crews;
}

const STREET_LIGHTS = [
  'PWDx_Street Light Outages',
  'PWDx_Street Light Knock Downs',
  'PWDx_Street Light_General Lighting Request',
  'PWDx_Street Light Knockdown Replacement',
  'PWDx_Major System Failure',
];

const PARK_REGIONS = [1, 2, 3, 4, 5].map((n) => `PARK_Maintenance_Region ${n}`);

const SPECIALIST_CREWS: CrewPlan[] = [
  {
    crewId: 'pwd-lights-1',
    name: 'Street Lighting crew 1',
    depot: 'frontage',
    queues: STREET_LIGHTS,
    shift: 'day',
  },
  {
    crewId: 'pwd-lights-2',
    name: 'Street Lighting crew 2',
    depot: 'frontage',
    queues: STREET_LIGHTS,
    shift: 'day',
  },
  {
    crewId: 'pwd-lights-3',
    name: 'Street Lighting night crew',
    depot: 'frontage',
    queues: STREET_LIGHTS,
    shift: 'evening',
  },
  {
    crewId: 'pwd-highway-1',
    name: 'Highway and sidewalk crew 1',
    depot: 'frontage',
    queues: [
      'PWDx_Sidewalk Repair',
      'PWDx_Roadway Repair',
      'PWDx_Utility Call-In',
    ],
    shift: 'day',
  },
  {
    crewId: 'pwd-highway-2',
    name: 'Highway construction crew',
    depot: 'southDorchester',
    queues: ['PWDx_Highway Construction', 'PWDx_Contractor Complaints'],
    shift: 'day',
  },
  {
    crewId: 'pwd-sanitation-1',
    name: 'Sanitation crew (litter baskets)',
    depot: 'frontage',
    queues: ['PWDx_Empty Litter Basket', 'PWDx_Litter Basket Maintenance'],
    shift: 'day',
  },
  {
    crewId: 'pwd-sanitation-2',
    name: 'Sanitation crew (missed pickups)',
    depot: 'roxbury',
    queues: [
      'PWDx_Missed Trash\\Recycling\\Yard Waste\\Bulk Item',
      'PWDx_Schedule a Bulk Item Pickup',
    ],
    shift: 'evening',
  },
  {
    crewId: 'park-trees-1',
    name: 'Parks tree crew 1',
    depot: 'franklinPark',
    queues: ['PARK_Tree Maintenance Request', 'PARK_Tree in Park'],
    shift: 'day',
  },
  {
    crewId: 'park-trees-2',
    name: 'Parks tree emergency crew',
    depot: 'franklinPark',
    queues: ['PARK_Tree Emergencies', 'PARK_Tree Maintenance Request'],
    shift: 'evening',
  },
  {
    crewId: 'park-maint-1',
    name: 'Parks maintenance, regions 1-3',
    depot: 'moakleyPark',
    queues: PARK_REGIONS.slice(0, 3),
    shift: 'day',
  },
  {
    crewId: 'park-maint-2',
    name: 'Parks maintenance, regions 4-5',
    depot: 'franklinPark',
    queues: PARK_REGIONS.slice(3),
    shift: 'day',
  },
  {
    crewId: 'park-trades-1',
    name: 'Parks trades and grounds crew',
    depot: 'franklinPark',
    queues: ['PARK_Maintenance_Trades', 'PARK_Maintenance_Ground Maintenance'],
    shift: 'day',
  },
  {
    crewId: 'btd-signals-1',
    name: 'BTD traffic signal crew',
    depot: 'frontage',
    queues: [
      'BTDT_Traffic Signal_Repair',
      'BTDT_Traffic Signal_Knock Downs/Contractor',
    ],
    shift: 'day',
  },
  {
    crewId: 'btd-signals-2',
    name: 'BTD traffic signal night crew',
    depot: 'frontage',
    queues: ['BTDT_Traffic Signal_Repair'],
    shift: 'evening',
  },
  {
    crewId: 'btd-signs-1',
    name: 'BTD sign shop crew',
    depot: 'frontage',
    queues: ['BTDT_Sign Shop_Sign Installation', 'BTDT_Sign Repair'],
    shift: 'day',
  },
  {
    crewId: 'btd-markings-1',
    name: 'BTD pavement marking crew',
    depot: 'southBoston',
    queues: ['BTDT_Pavement Marking_Maintenance'],
    shift: 'day',
  },
  {
    crewId: 'btd-enforce-1',
    name: 'BTD enforcement, districts 1-3',
    depot: 'frontage',
    queues: ['BTDT_District 01', 'BTDT_District 02', 'BTDT_District 03'],
    shift: 'day',
  },
  {
    crewId: 'btd-enforce-2',
    name: 'BTD enforcement, districts 4-6',
    depot: 'roxbury',
    queues: ['BTDT_District 04', 'BTDT_District 05', 'BTDT_District 06'],
    shift: 'evening',
  },
  {
    crewId: 'prop-graffiti-1',
    name: 'Graffiti removal crew',
    depot: 'courtStreet',
    queues: ['PROP_GRAF_GraffitiRemoval', 'PWDx_Graffiti'],
    shift: 'day',
  },
];

export const BOSTON_CREW_PLANS: CrewPlan[] = [
  ...DISTRICTS.flatMap(districtCrews),
  ...SPECIALIST_CREWS,
];
