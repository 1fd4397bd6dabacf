/**
 * Word pools for the generated users. Kept apart from the generator so the data rules stay readable.
 * The pools mix scripts and diacritics on purpose: sorting, searching and rendering must cope with them.
 */

export const FIRST_NAMES = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adrián', 'Aisha', 'Alejandro', 'Amara', 'Amélie', 'Anders', 'Ángela',
  'Anna', 'Arjun', 'Astrid', 'Ava', 'Benjamin', 'Björn', 'Camila', 'Carlos', 'Charlotte', 'Chidi',
  'Chloé', 'Daniel', 'David', 'Diego', 'Elif', 'Elijah', 'Emma', 'Émile', 'Erik', 'Ethan',
  'Fatima', 'Felix', 'François', 'Freya', 'Gabriel', 'Grace', 'Hamza', 'Hannah', 'Hiroshi', 'Ingrid',
  'Isabella', 'Ivan', 'Jakub', 'James', 'Jana', 'Javier', 'Jörg', 'Kai', 'Kenji', 'Lars',
  'Léa', 'Liam', 'Lucía', 'Luca', 'Maja', 'Marta', 'Mateo', 'Mia', 'Mohammed', 'Nadia',
  'Noah', 'Nora', 'Oliver', 'Olivia', 'Omar', 'Paweł', 'Priya', 'Rafael', 'Rania', 'Renée',
  'Rohan', 'Sakura', 'Santiago', 'Sofia', 'Søren', 'Tomás', 'Uma', 'Valentina', 'Wei', 'Yasmin',
  'Yusuf', 'Zara', 'Zoë', 'Zoltán',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Acheampong', 'Almeida', 'Andersson', 'Bauer', 'Becker', 'Bianchi', 'Brennan', 'Carvalho', 'Castro',
  'Chen', 'Clarke', 'Costa', 'Dąbrowski', 'Dubois', 'Eriksen', 'Fernández', 'Fischer', 'García', 'Gómez',
  'Hansen', 'Haddad', 'Hoffmann', 'Hughes', 'Ivanova', 'Jansen', 'Jensen', 'Kaur', 'Kim', 'Kowalski',
  'Larsen', 'Laurent', 'Lefèvre', 'López', 'MacDonald', "D'Angelo", 'Martin', 'Mendes', 'Morales', 'Müller',
  'Nakamura', 'Nguyen', 'Novák', 'Okafor', 'Olsen', 'Patel', 'Pereira', 'Petrov', 'Ramírez', 'Reyes',
  'Rossi', 'Santos', 'Schmidt', 'Schneider', 'Silva', 'Singh', 'Sørensen', 'Suzuki', 'Tanaka', 'Thompson',
  'Torres', 'Varga', 'Wagner', 'Walsh', 'Weber', 'Williams', 'Wójcik', 'Yamamoto', 'Yılmaz', 'Zhang',
  "O'Brien", 'Ó Súilleabháin', 'van der Berg', 'de la Cruz',
] as const;

export const MIDDLE_INITIALS = 'ABCDEFGHJKLMNPRSTW'.split('');

/** Headlines by role name; users without a role get a generic one. */
export const HEADLINES: Readonly<Record<string, readonly string[]>> = {
  Consultant: ['Consultant', 'Senior Consultant', 'Principal Consultant', 'Implementation Consultant'],
  Designer: ['Product Designer', 'UX Designer', 'Visual Designer', 'Design Lead'],
  Developer: ['Software Engineer', 'Senior Developer', 'Backend Developer', 'Frontend Developer', 'Staff Engineer'],
  'Engagement Manager': ['Engagement Manager', 'Client Partner', 'Account Director'],
  'Project Manager': ['Project Manager', 'Senior Project Manager', 'Delivery Lead', 'Program Manager'],
  'QA Analyst': ['QA Analyst', 'Test Engineer', 'QA Lead'],
  'Solutions Architect': ['Solutions Architect', 'Cloud Architect', 'Enterprise Architect'],
  'Technical Writer': ['Technical Writer', 'Documentation Lead', 'Content Strategist'],
  '': ['Team member', 'Specialist', 'Coordinator', 'Analyst'],
};

export interface Place {
  readonly city: string;
  /** Absent where the country has no states worth naming. */
  readonly state?: string;
  readonly country: string;
  readonly timezone: string;
  readonly office: string;
}

export const PLACES: readonly Place[] = [
  { city: 'San Francisco', state: 'CA', country: 'United States', timezone: 'PST', office: 'San Francisco' },
  { city: 'Austin', state: 'TX', country: 'United States', timezone: 'CST', office: 'Austin' },
  { city: 'New York', state: 'NY', country: 'United States', timezone: 'EST', office: 'New York' },
  { city: 'Toronto', state: 'ON', country: 'Canada', timezone: 'EST', office: 'Toronto' },
  { city: 'London', country: 'United Kingdom', timezone: 'GMT', office: 'London' },
  { city: 'Dublin', country: 'Ireland', timezone: 'GMT', office: 'Dublin' },
  { city: 'Lisbon', country: 'Portugal', timezone: 'WET', office: 'Lisbon' },
  { city: 'Berlin', country: 'Germany', timezone: 'CET', office: 'Berlin' },
  { city: 'Kraków', country: 'Poland', timezone: 'CET', office: 'Kraków' },
  { city: 'São Paulo', state: 'SP', country: 'Brazil', timezone: 'BRT', office: 'São Paulo' },
  { city: 'Bengaluru', state: 'Karnataka', country: 'India', timezone: 'IST', office: 'Bengaluru' },
  { city: 'Tokyo', country: 'Japan', timezone: 'JST', office: 'Tokyo' },
  { city: 'Sydney', state: 'NSW', country: 'Australia', timezone: 'AEST', office: 'Sydney' },
  { city: 'Remote', country: 'Spain', timezone: 'CET', office: 'Remote' },
];

export const BIOS = [
  'Loves turning messy requirements into shipped software.',
  'Coffee first, then code reviews.',
  'Ten years of client delivery across retail and finance.',
  'Happiest at a whiteboard with a marker and a hard problem.',
  'Runs the internal book club. Ask about the reading list!',
  'Previously built data platforms at two start-ups.',
  'Accessibility advocate and part-time cyclist.',
  'Speaks four languages, writes in three.',
];

/**
 * The account's skills: name, description and max level, ids 2001… in this order. Kantata's max_level is 5 for a
 * skill with proficiency levels and 1 for a yes/no skill (a certification): the only two values it allows.
 * Fifteen of them, always: each user draws from this list, so its length decides every later draw of the seed.
 */
export const SKILL_NAMES = [
  ['TypeScript', 'Typed JavaScript for applications at scale.', 5],
  ['React', 'Component-based web user interfaces.', 5],
  ['Python', 'General-purpose programming and data work.', 5],
  ['SQL', 'Relational data modelling and queries.', 5],
  ['Terraform', 'Infrastructure as code.', 5],
  ['Kubernetes', 'Container orchestration.', 5],
  ['Figma', 'Interface design and prototyping.', 5],
  ['User Research', 'Interviews, usability tests and synthesis.', 5],
  ['Certified ScrumMaster', 'Scrum Alliance certification.', 1],
  ['AWS Certified Solutions Architect', 'Amazon Web Services certification (Associate or Professional).', 1],
  ['Test Automation', 'Automated end-to-end and integration testing.', 5],
  ['Technical Writing', 'Guides, references and release notes.', 5],
  ['Spanish', 'Spoken and written Spanish.', 5],
  ['German', 'Spoken and written German.', 5],
  ['PRINCE2 Practitioner', 'Project management certification.', 1],
] as const;

export const ROLE_NAMES = [
  // Listed in id order, which is deliberately not alphabetical: GET /roles must sort by name.
  'Developer', 'Consultant', 'Project Manager', 'Designer', 'QA Analyst', 'Engagement Manager', 'Technical Writer', 'Solutions Architect',
] as const;

export const COST_CENTERS = ['CC-1010 Delivery', 'CC-1020 Design', 'CC-2040 Engineering', 'CC-3100 Sales', 'CC-4200 Operations'];

/** Folds a name to lower-case ASCII for e-mail addresses: "José Müller" → "jose.muller". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}
