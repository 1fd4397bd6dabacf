/**
 * Which requests go through a proxy: the NO_PROXY convention (comma- or space-separated entries: `*`, a host,
 * `.domain` or `domain` for the domain and its subdomains, optionally `:port`; IP addresses as written).
 */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) {
      return false;
    }
    if (entry === '*') {
      return true;
    }
    // `host:port`, `[::1]:port`, or a bare IPv6 address (whose colons are not a port).
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const withPort = /^([^:]+):(\d+)$/.exec(entry);
    const entryHost = (bracketed?.[1] ?? withPort?.[1] ?? entry).replace(/^\*?\./, '.');
    const entryPort = bracketed?.[2] ?? withPort?.[2];
    if (entryPort && entryPort !== port) {
      return false;
    }
    const bare = entryHost.replace(/^\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** `a,b c` → `['a', 'b', 'c']`. */
export function splitNoProxy(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The proxy the environment names for a URL's scheme, the way curl and most tools read it. */
export function proxyFromEnvironment(target: URL, env: NodeJS.ProcessEnv): string | undefined {
  const pick = (...names: string[]) => names.map((name) => env[name]).find((value) => value && value.trim());
  const proxy = target.protocol === 'https:' ? pick('https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY') : pick('http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
  return proxy?.trim();
}
