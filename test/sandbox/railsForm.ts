/**
 * Rails-style form encoding (`user[full_name]=Ann&user[external_reference][service_name]=jira`) into the
 * nested object a JSON body would carry. Kantata accepts it for writes; the OpenAPI checker uses it too.
 */
export type FormValue = string | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export function parseRailsForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) {
      continue;
    }
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let target = root;
    for (const [index, segment] of path.entries()) {
      if (index === path.length - 1) {
        target[segment] = value;
        break;
      }
      const existing = target[segment];
      if (typeof existing === 'object') {
        target = existing;
      } else {
        const child: FormObject = {};
        target[segment] = child;
        target = child;
      }
    }
  }
  return root;
}
