import type { AxiosStatic } from 'axios';

/**
 * axios, evaluated at the first request instead of while VS Code waits for `activate()`: it is the largest
 * library in the bundle, and nothing at activation needs it. The dynamic import stays inside the one bundle
 * (esbuild turns it into a module initialised on first use); nothing is read from disk.
 */
let loading: Promise<AxiosStatic> | undefined;

export function loadAxios(): Promise<AxiosStatic> {
  loading ??= import('axios').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined; // tried again by the next request
      throw error;
    },
  );
  return loading;
}
