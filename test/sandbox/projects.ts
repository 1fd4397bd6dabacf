/**
 * The sandbox does not model projects as objects: a user's `projectIds` are indexes into the account's projects,
 * and the API names a project by its index + 1 (Kantata ids are positive). The seed has `max(4, visible / 12)`
 * projects (indexes 0…count-1) that the random users are spread over, plus the one below.
 */

/**
 * A project on which only hidden users are (Morgan Ellis, disabled): `participant_in` gives an empty list for it
 * unless `show_disabled=true`. Its index lies beyond the random users' projects whatever the dataset size.
 */
export const HIDDEN_ONLY_PROJECT_INDEX = 9_999;

/** The id the API uses for a project index. */
export function projectWireId(index: number): string {
  return String(index + 1);
}

/**
 * The project index of an id from a query, or undefined when the value is not a project id (digits only: Rails
 * casts an integer filter, and a value that casts to no project matches nobody).
 */
export function projectIndexOf(wireId: string): number | undefined {
  return /^\d{1,9}$/.test(wireId) && Number(wireId) > 0 ? Number(wireId) - 1 : undefined;
}
