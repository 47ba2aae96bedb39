// Boston service types that are the same problem under different names.
// A resident picks "Street Light Knock Downs", a crew files "Knockdown
// Replacement": both are the fallen pole on the corner.
//
// Derived from the 2015 export (Jan-Sep): cases closed as a duplicate whose
// named original has another type. The counts are those pairs, both
// directions together; groups with one pair are kept only when the names
// are plainly variants of one problem (PWD Graffiti / Graffiti Removal).
// A type may sit in more than one group.

export type TypeRelation = 'same' | 'related' | 'other';

type ProblemGroup = { problem: string; types: string[] };

const PROBLEM_GROUPS: ProblemGroup[] = [
  {
    // 26 + 9 + 8 + 4 pairs
    problem: 'construction noise or work out of hours',
    types: [
      'Contractor Complaints',
      'Contractors Complaint',
      'Working Beyond Hours',
      'Work Hours-Loud Noise Complaints',
    ],
  },
  {
    // 25 pairs between the two repair types
    problem: 'broken sidewalk',
    types: [
      'Sidewalk Repair',
      'Sidewalk Repair (Make Safe)',
      'Sidewalk Repair (Internal)',
    ],
  },
  {
    // 10 pairs with a sidewalk type, 3 with a contractor complaint
    problem: 'dangerous spot on the walkway',
    types: [
      'Unsafe Dangerous Conditions',
      'Sidewalk Repair',
      'Sidewalk Repair (Make Safe)',
    ],
  },
  {
    // 7 + 6 + 6 + 4 + 3 + 2 + ... pairs
    problem: 'street light out or down',
    types: [
      'Street Light Outages',
      'Street Light Knock Downs',
      'Knockdown Replacement',
      'General Lighting Request',
      'Major System Failure',
    ],
  },
  {
    // 11 + 5 + 2 pairs
    problem: 'street tree',
    types: [
      'Tree Emergencies',
      'Tree Maintenance Requests',
      'New Tree Requests',
      'Tree in Park',
    ],
  },
  {
    // 2 pairs: tree roots lift the sidewalk
    problem: 'tree roots and sidewalk',
    types: ['Tree Maintenance Requests', 'Sidewalk Repair (Make Safe)'],
  },
  {
    // 2 pairs
    problem: 'park grounds',
    types: ['Tree in Park', 'Ground Maintenance'],
  },
  {
    // 7 + 1 pairs
    problem: 'street sign',
    types: [
      'Sign Repair',
      'Missing Sign',
      'New Sign Crosswalk or Pavement Marking',
    ],
  },
  {
    // 2 + 1 pairs
    problem: 'traffic signal or marking',
    types: [
      'Traffic Signal Repair',
      'New Sign Crosswalk or Pavement Marking',
      'General Traffic Engineering Request',
    ],
  },
  {
    // 3 + 2 + 2 pairs
    problem: 'recycling cart',
    types: [
      'Request for Recycling Cart',
      'Recycling Cart Inquiry',
      'Recycling Cart Return',
    ],
  },
  {
    // 1 pair, and the names say it
    problem: 'graffiti',
    types: ['Graffiti Removal', 'PWD Graffiti'],
  },
  {
    // 2 pairs
    problem: 'abandoned vehicle or bicycle',
    types: ['Abandoned Vehicles', 'Abandoned Bicycle'],
  },
  {
    // 3 pairs
    problem: 'rodents',
    types: ['Rodent Activity', 'Animal Generic Request'],
  },
  {
    // Not in the 2015 copy (its high-volume types are missing) but the
    // same problem by name: the resident's form and the crew's own type.
    problem: 'pothole',
    types: ['Request for Pothole Repair', 'Pothole Repair (Internal)'],
  },
];

/**
 * Broad types a resident or call taker picks when no specific one fits,
 * and the specific types the 2015 duplicates show them standing for. Only
 * the broad type is related to each specific one; the specific types are
 * not thereby related to each other.
 */
const BROAD_TYPES: Record<string, string[]> = {
  // 9 pairs over the two
  'Public Works General Request': [
    'Sidewalk Repair',
    'Sidewalk Repair (Make Safe)',
    'Unsafe Dangerous Conditions',
    'Maintenance - Homeowner',
    'Protection of Adjoining Property',
  ],
  'Highway Maintenance': [
    'Sidewalk Repair',
    'Sidewalk Repair (Make Safe)',
    'Unsafe Dangerous Conditions',
    'Maintenance - Homeowner',
    'Tree Maintenance Requests',
  ],
  // 2 pairs
  'Transportation General Request': ['Abandoned Vehicles', 'Missing Sign'],
  // 2 pairs
  'Parks General Request': ['Ground Maintenance', 'Tree Maintenance Requests'],
  // 2 pairs
  'BWSC General Request': [
    'Unsatisfactory Utilities - Electrical Plumbing',
    'Rodent Activity',
  ],
};

/** Each type to every other type it shares a group or broad type with. */
const RELATED = new Map<string, Set<string>>();

function relate(a: string, b: string): void {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const others = RELATED.get(from) ?? new Set<string>();
    others.add(to);
    RELATED.set(from, others);
  }
}

for (const { types } of PROBLEM_GROUPS) {
  for (const type of types) {
    for (const other of types) if (other !== type) relate(type, other);
  }
}
for (const [broad, specifics] of Object.entries(BROAD_TYPES)) {
  for (const specific of specifics) relate(broad, specific);
}

/** Whether two service types name the same problem. */
export function relatedTypes(a: string, b: string): TypeRelation {
  if (a === b) return 'same';

  return RELATED.get(a)?.has(b) === true ? 'related' : 'other';
}

/** The types related to this one, not counting itself. */
export function typesRelatedTo(type: string): ReadonlySet<string> {
  return RELATED.get(type) ?? NO_TYPES;
}

const NO_TYPES: ReadonlySet<string> = new Set();

type Typed = { type: string; description: string | null };

/**
 * How two requests' problems relate, by type or by a description that is
 * itself a type's name: staff who re-type a request leave the reporter's
 * first choice in the description ("Abandoned Bicycle" on a Sign Repair).
 */
export function requestRelation(a: Typed, b: Typed): TypeRelation {
  const byType = relatedTypes(a.type, b.type);
  if (byType === 'same') return byType;

  // Scored for every pair a search reads: no arrays, and most
  // descriptions are absent or the type's own name, which adds nothing.
  const aSays = describedRelation(a, b.type);
  if (aSays === 'same') return aSays;
  const bSays = describedRelation(b, a.type);
  if (bSays === 'same') return bSays;

  const related =
    byType === 'related' || aSays === 'related' || bSays === 'related';

  return related ? 'related' : 'other';
}

/** How the problem `typed`'s description names relates to `type`. */
function describedRelation(typed: Typed, type: string): TypeRelation {
  const described = typed.description?.trim();
  if (!described || described === typed.type) return 'other';

  return relatedTypes(described, type);
}
