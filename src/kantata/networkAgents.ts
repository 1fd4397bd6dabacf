import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import * as l10n from '@vscode/l10n';
import { KantataError } from './errors';
import { bypassesProxy, proxyFromEnvironment, splitNoProxy } from './proxyRules';
import type { TunnellingAgent } from './tunnellingAgent';

/** VS Code's `http.proxySupport`: what its extension host does to an extension's requests. */
export type HostProxySupport = 'off' | 'on' | 'fallback' | 'override';

/** How the extension reaches the network: VS Code's proxy settings, the environment, and extra CAs. */
export interface NetworkOptions {
  /** VS Code's `http.proxy`; when empty, HTTPS_PROXY / HTTP_PROXY from the environment. */
  readonly proxy?: string;
  /** VS Code's `http.noProxy`, added to NO_PROXY from the environment. */
  readonly noProxy?: readonly string[];
  /** VS Code's `http.proxyStrictSSL`: verify certificates (default true). */
  readonly strictSSL?: boolean;
  /** PEM texts of extra certificate authorities, trusted besides Node's own. */
  readonly caCertificates?: readonly string[];
  /** The setting that holds them, named in a certificate error (this layer knows no settings). */
  readonly caCertificatesSetting?: string;
  /**
   * VS Code's `http.proxySupport`, when the requests run in its extension host; undefined elsewhere. With
   * `override` (the default) or `fallback`, VS Code (@vscode/proxy-agent) routes requests to any host but
   * `localhost` and `127.0.0.1` itself, through the proxy it finds in its settings or the environment: it
   * replaces the agent given here (`override`; `fallback` only when it finds a proxy) and keeps the request's
   * own options. See `Route.tls`.
   */
  readonly hostProxySupport?: HostProxySupport;
  /** Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The TLS options of one request, set on the request itself (see `requestTransport`): VS Code's proxy
 * support keeps a request's options whichever agent it puts in place of ours, but takes nothing from our
 * agents except the `ca` of a plain `https.Agent`, so a CA, `http.proxyStrictSSL` off or a tunnel of ours
 * would otherwise be lost for every host but localhost.
 */
export interface RequestTls {
  readonly ca?: readonly string[];
  readonly rejectUnauthorized: boolean;
  /**
   * The server's certificate is checked against the host of the URL. Node checks it against the address
   * it connected to, which for a tunnel to an IP address (https-proxy-agent sets no server name then) is the
   * proxy's: a certificate for 10.0.0.5 would be refused as not matching the proxy's address.
   */
  readonly checkServerIdentity: (hostname: string, cert: tls.PeerCertificate) => Error | undefined;
}

export interface Route {
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: https.Agent | TunnellingAgent;
  /** `proxy.example.com:3128`, for messages; undefined when direct. */
  readonly proxyHost?: string;
  /** For https URLs. */
  readonly tls?: RequestTls;
}

/** The hosts VS Code's proxy support leaves to the extension's own agent (@vscode/proxy-agent 0.32). */
function hostLeftAlone(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1';
}

/**
 * The agents axios is given per request: through the proxy (HTTPS tunnelled with CONNECT by the maintained
 * https-proxy-agent, since axios's own `proxy` option mishandles HTTPS through an HTTP proxy) or direct,
 * with the extra CAs; and the same TLS options for the request itself. Plain-http targets are loopback only
 * (see baseUrl.ts) and never proxied.
 */
export class NetworkAgents {
  private readonly direct: https.Agent;
  private readonly viaProxy = new Map<string, TunnellingAgent>();
  private readonly tlsOptions: https.AgentOptions;
  /** See NetworkOptions. */
  readonly caCertificatesSetting: string | undefined;

  constructor(private readonly options: NetworkOptions = {}) {
    this.caCertificatesSetting = options.caCertificatesSetting;
    const extra = options.caCertificates ?? [];
    this.tlsOptions = {
      ca: extra.length > 0 ? [...tls.rootCertificates, ...extra] : undefined,
      rejectUnauthorized: options.strictSSL ?? true,
      keepAlive: true,
    };
    this.direct = new https.Agent(this.tlsOptions);
  }

  forUrl(url: string): Route {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      return {};
    }
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    const requestTls: RequestTls = {
      ...(this.tlsOptions.ca ? { ca: this.tlsOptions.ca as string[] } : {}),
      rejectUnauthorized: this.tlsOptions.rejectUnauthorized ?? true,
      checkServerIdentity: (_connectedTo, cert) => tls.checkServerIdentity(hostname, cert),
    };
    const env = this.options.env ?? process.env;
    const proxy = this.options.proxy?.trim() || proxyFromEnvironment(target, env);
    const noProxy = [...(this.options.noProxy ?? []), ...splitNoProxy(env.NO_PROXY ?? env.no_proxy)];
    if (!proxy || bypassesProxy(target, noProxy)) {
      return { httpsAgent: this.direct, tls: requestTls };
    }
    const support = this.options.hostProxySupport;
    const vscodeRoutes = (support === 'override' || support === 'fallback') && !hostLeftAlone(hostname);
    let proxyUrl: URL;
    try {
      proxyUrl = parseProxy(proxy);
    } catch (error) {
      if (vscodeRoutes) {
        // VS Code reads the same setting by its own rules (it takes socks:// too, and ignores a value
        // without "://") and routes this request itself: failing here would block what it can send.
        return { httpsAgent: this.direct, tls: requestTls };
      }
      throw error;
    }
    let agent = this.viaProxy.get(proxyUrl.href);
    if (!agent) {
      agent = new (loadTunnellingAgent())(proxyUrl.href, this.tlsOptions);
      this.viaProxy.set(proxyUrl.href, agent);
    }
    return { httpsAgent: agent, proxyHost: proxyUrl.host, tls: requestTls };
  }

  dispose(): void {
    this.direct.destroy();
    this.viaProxy.forEach((agent) => agent.destroy());
  }
}

/** What axios's `transport` option takes: `request(options, callback)`, as Node's http and https modules have. */
export interface RequestTransport {
  request(options: https.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest;
}

/**
 * Node's own http/https request with the route's TLS options added to each request's options, where VS Code's
 * proxy support keeps them (see RequestTls). The modules are looked up at each call: VS Code patches them.
 */
export function requestTransport(route: Route): RequestTransport {
  return {
    request(options, callback) {
      if (options.protocol === 'https:' && route.tls) {
        return https.request({ ...options, ...route.tls, ca: route.tls.ca as string[] | undefined }, callback);
      }
      return (options.protocol === 'https:' ? https : http).request(options, callback);
    },
  };
}

/**
 * The proxy agent and the library under it (https-proxy-agent, agent-base, debug) are evaluated when a proxy
 * is first used, not at activation: most people have none. A synchronous require, since forUrl is
 * synchronous; esbuild keeps it inside the bundle as a module initialised on first use.
 */
function loadTunnellingAgent(): typeof TunnellingAgent {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./tunnellingAgent') as typeof import('./tunnellingAgent')).TunnellingAgent;
}

/** A proxy setting as it may be shown: a user name and password in it become `…`. */
export function withoutCredentials(proxy: string): string {
  return proxy.replace(/[^/@\s]+@/g, '…@');
}

/** Why a proxy address can't be used by the extension's own agent, or undefined when it can. */
export function proxyProblem(raw: string): string | undefined {
  try {
    parseProxy(raw);
    return undefined;
  } catch (error) {
    return error instanceof KantataError ? error.userMessage : String(error);
  }
}

/**
 * What is wrong with VS Code's `http.proxy` setting for the requests of this extension, or undefined. With
 * `override` or `fallback`, VS Code routes them itself (@vscode/proxy-agent 0.32, `proxyFromConfigURL`): it
 * takes socks:// proxies too, and ignores a value without "://", so that with `override` the requests then
 * go without a proxy (with `fallback`, our agent is used, which reads `proxy:3128` as http://proxy:3128).
 */
export function proxySettingProblem(raw: string, support: HostProxySupport | undefined): string | undefined {
  const value = raw.trim();
  if (!value) {
    return undefined;
  }
  const vscodeRoutes = support === 'override' || support === 'fallback';
  if (vscodeRoutes && /^socks(4a?|5h?)?:\/\//i.test(value)) {
    return undefined;
  }
  const problem = proxyProblem(value);
  if (support === 'override' && !value.includes('://') && !problem) {
    const shown = withoutCredentials(value);
    return l10n.t('The http.proxy setting "{0}" has no http:// in front, so VS Code ignores it and requests go without a proxy. Write it as http://{0}.', shown);
  }
  return problem;
}

/**
 * `proxy:3128` means `http://proxy:3128`, as curl reads it; anything else must be an http:// or https:// URL
 * of a host and port only. Anything unparsable is explained (credentials are never repeated).
 */
function parseProxy(raw: string): URL {
  const value = raw.trim();
  try {
    const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
    if (hasScheme || /^([^\s/@]+@)?(\[[0-9a-f:.]+\]|[^\s/:@[\]]+)(:\d+)?$/i.test(value)) {
      const url = new URL(hasScheme ? value : `http://${value}`);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash) {
        return url;
      }
    }
  } catch {
    // Explained below.
  }
  throw new KantataError({
    kind: 'badRequest',
    userMessage: l10n.t(
      'The proxy "{0}" is not an http:// or https:// proxy address such as http://proxy.example.com:3128. Check the http.proxy setting or the HTTPS_PROXY variable.',
      withoutCredentials(value),
    ),
    remedies: ['openSettings'],
  });
}
