import type { Permission, TimeOffRule, Workweek } from './model';
import { HIDDEN_ONLY_PROJECT_INDEX } from './projects';

/**
 * Hand-written users that every dataset starts with, at fixed ids whatever the seed or size, so that tests
 * (and people trying the extension) can find each interesting case. Project numbers are indexes into the
 * account's projects (the API's project id is the index + 1, see projects.ts): the member is in projects 0 and
 * 1, the administrator in 0, 2 and 3.
 */
export interface NotableUserSpec {
  readonly id: string;
  readonly fullName: string;
  readonly emailLocal: string;
  /** Role name, or undefined for a user without a role. */
  readonly role?: string;
  readonly headline: string;
  readonly projects: readonly number[];
  readonly permission?: Permission;
  /** Not on the account, sharing a project with it (classification External). */
  readonly outside?: boolean;
  readonly disabled?: boolean;
  readonly workweek?: Workweek;
  readonly timeOff?: readonly TimeOffRule[];
  readonly managerId?: string;
  readonly placeIndex: number;
  readonly defaultPhoto?: boolean;
  /**
   * Skills by name (names.ts) with the level, none for a skill without levels; absent: drawn by the seed like
   * everyone else's. Written out for the users the skill filters' tests and demos rely on.
   */
  readonly skills?: readonly NotableSkill[];
}

export type NotableSkill = readonly [name: string, level?: number];

export const FULL_TIME: Workweek = [0, 480, 480, 480, 480, 480, 0];

export const NOTABLE_USER_IDS = {
  admin: '20001',
  member: '20002',
  accented: '20003',
  apostrophe: '20004',
  japanese: '20005',
  cyrillic: '20006',
  arabic: '20007',
  greek: '20008',
  chinese: '20009',
  hindi: '20010',
  partTimer: '20011',
  noRole: '20012',
  outside: '20013',
  longName: '20014',
  emptyHeadline: '20015',
  disabled: '20016',
  noProject: '20017',
  disabledNoProject: '20018',
} as const;

const ids = NOTABLE_USER_IDS;

/** In the order of their ids; the first VISIBLE_NOTABLE_COUNT are in projects and enabled. */
export const NOTABLE_USERS: readonly NotableUserSpec[] = [
  {
    id: ids.admin, fullName: 'Alex Rivera', emailLocal: 'alex.rivera', role: 'Engagement Manager', headline: 'Head of Delivery',
    defaultPhoto: true,
    projects: [0, 2, 3], permission: 'administrator', placeIndex: 0, skills: [['Certified ScrumMaster'], ['SQL', 3]],
    timeOff: [{ kind: 'recurring', weekday: 5, everyWeeks: 2, phase: 0, fraction: 0.5 }, { kind: 'annual', month: 8, day: 4, days: 5 }],
  },
  {
    id: ids.member, fullName: 'Sam Taylor', emailLocal: 'sam.taylor', role: 'Developer', headline: 'Software Engineer',
    projects: [0, 1], permission: 'collaborator', placeIndex: 4, managerId: ids.apostrophe,
    skills: [['TypeScript', 4], ['Kubernetes', 2], ['Terraform', 3]],
    timeOff: [{ kind: 'recurring', weekday: 1, everyWeeks: 4, phase: 1, fraction: 1 }],
  },
  {
    id: ids.accented, fullName: 'José Müller', emailLocal: 'jose.muller', role: 'Developer', headline: 'Senior Developer',
    projects: [0], placeIndex: 7, managerId: ids.apostrophe, skills: [['TypeScript', 5], ['SQL', 4], ['German', 5]],
    timeOff: [{ kind: 'recurring', weekday: 3, everyWeeks: 3, phase: 0, fraction: 1 }, { kind: 'annual', month: 7, day: 14, days: 10 }],
  },
  {
    id: ids.apostrophe, fullName: "Siobhán O'Connor", emailLocal: 'siobhan.oconnor', role: 'Project Manager', headline: 'Delivery Lead',
    projects: [1, 2], permission: 'project_lead', placeIndex: 5, managerId: ids.admin, workweek: [0, 450, 450, 450, 450, 450, 0],
    skills: [['Certified ScrumMaster'], ['PRINCE2 Practitioner'], ['Spanish', 3]],
  },
  { id: ids.japanese, fullName: '山田 花子', emailLocal: 'hanako.yamada', role: 'Designer', headline: 'Product Designer', projects: [3], placeIndex: 11, managerId: ids.apostrophe,
    skills: [['Figma', 5], ['User Research', 4]],
  },
  { id: ids.cyrillic, fullName: 'Алексей Смирнов', emailLocal: 'aleksei.smirnov', role: 'Solutions Architect', headline: 'Cloud Architect', projects: [1], placeIndex: 8, managerId: ids.admin,
    skills: [['Kubernetes', 5], ['Terraform', 5], ['AWS Certified Solutions Architect']],
  },
  { id: ids.arabic, fullName: 'ليلى حداد', emailLocal: 'layla.haddad', role: 'Consultant', headline: 'Senior Consultant', projects: [2], placeIndex: 2, managerId: ids.admin },
  { id: ids.greek, fullName: 'Νίκος Παπαδόπουλος', emailLocal: 'nikos.papadopoulos', role: 'QA Analyst', headline: 'QA Lead', projects: [0, 3], placeIndex: 6, managerId: ids.apostrophe },
  { id: ids.chinese, fullName: '王伟', emailLocal: 'wei.wang', role: 'Developer', headline: 'Backend Developer', projects: [3], placeIndex: 12, managerId: ids.apostrophe },
  { id: ids.hindi, fullName: 'प्रिया शर्मा', emailLocal: 'priya.sharma', role: 'Technical Writer', headline: 'Documentation Lead', projects: [1], placeIndex: 10, managerId: ids.admin },
  {
    id: ids.partTimer, fullName: 'Ingrid Halvorsen', emailLocal: 'ingrid.halvorsen', role: 'Designer', headline: 'UX Designer (part-time)',
    projects: [0], placeIndex: 7, managerId: ids.apostrophe, workweek: [0, 480, 480, 480, 240, 0, 0], skills: [['Figma', 3]],
  },
  { id: ids.noRole, fullName: 'Jordan Blake', emailLocal: 'jordan.blake', headline: 'Coordinator', projects: [2], placeIndex: 1, defaultPhoto: true, skills: [] },
  { id: ids.outside, fullName: 'Dana Whitfield', emailLocal: 'dana.whitfield', headline: 'Partner Consultant, Northwind', projects: [1], placeIndex: 3, outside: true },
  {
    id: ids.longName, fullName: 'Maximilian Alexander von Hohenzollern-Sigmaringen', emailLocal: 'max.hohenzollern', role: 'Solutions Architect',
    headline: 'Principal Enterprise Architect for Cloud Migration and Platform Modernisation Programmes', projects: [3], placeIndex: 7, managerId: ids.admin,
  },
  { id: ids.emptyHeadline, fullName: 'Lee Chen', emailLocal: 'lee.chen', role: 'QA Analyst', headline: '', projects: [2], placeIndex: 13, defaultPhoto: true },
  // Hidden by default: disabled, or in no project.
  {
    id: ids.disabled, fullName: 'Morgan Ellis', emailLocal: 'morgan.ellis', role: 'Consultant', headline: 'Consultant',
    projects: [0, HIDDEN_ONLY_PROJECT_INDEX], placeIndex: 4, disabled: true, skills: [['TypeScript', 5]],
  },
  { id: ids.noProject, fullName: 'Robin Hart', emailLocal: 'robin.hart', role: 'Developer', headline: 'Frontend Developer', projects: [], placeIndex: 9 },
  { id: ids.disabledNoProject, fullName: 'Quinn Archer', emailLocal: 'quinn.archer', role: 'Technical Writer', headline: 'Technical Writer', projects: [], placeIndex: 0, disabled: true, defaultPhoto: true },
];

/** How many of NOTABLE_USERS are visible in the default GET /users (the rest are hidden users). */
export const VISIBLE_NOTABLE_COUNT = 15;
