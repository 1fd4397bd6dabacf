import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { KantataError } from './errors';
import { bypassesProxy, proxyFromEnvironment, splitNoProxy } from './proxyRules';
import type { TunnellingAgent } from './tunnellingAgent';

/** How the extension reaches the network: VS Code's proxy settings, the environment, and extra CAs. */
export interface NetworkOptions {
  /** VS Code's `http.proxy`; when empty, HTTPS_PROXY / HTTP_PROXY from the environment. */
  readonly proxy?: string;
  /** VS Code's `http.noProxy`, added to NO_PROXY from the environment. */
  readonly noProxy?: readonly string[];
  /** VS Code's `http.proxyStrictSSL`: verify certificates (default true). */
  readonly strictSSL?: boolean;
  /** PEM texts of extra certificate authorities (`kantata.caCertificates`), trusted besides Node's own. */
  readonly caCertificates?: readonly string[];
  /** Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Agents {
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: https.Agent;
  /** `proxy.example.com:3128`, for messages; undefined when direct. */
  readonly proxyHost?: string;
}

/**
 * The agents axios is given per request: through the proxy (HTTPS tunnelled with CONNECT by the maintained
 * https-proxy-agent, since axios's own `proxy` option mishandles HTTPS through an HTTP proxy) or direct,
 * with the extra CAs. Plain-http targets are loopback only (see baseUrl.ts) and never proxied.
 */
export class NetworkAgents {
  private readonly direct: https.Agent;
  private readonly viaProxy = new Map<string, TunnellingAgent>();
  private readonly tlsOptions: https.AgentOptions;

  constructor(private readonly options: NetworkOptions = {}) {
    const extra = options.caCertificates ?? [];
    this.tlsOptions = {
      ca: extra.length > 0 ? [...tls.rootCertificates, ...extra] : undefined,
      rejectUnauthorized: options.strictSSL ?? true,
      keepAlive: true,
    };
    this.direct = new https.Agent(this.tlsOptions);
  }

  forUrl(url: string): Agents {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      return {};
    }
    const env = this.options.env ?? process.env;
    const proxy = this.options.proxy?.trim() || proxyFromEnvironment(target, env);
    const noProxy = [...(this.options.noProxy ?? []), ...splitNoProxy(env.NO_PROXY ?? env.no_proxy)];
    if (!proxy || bypassesProxy(target, noProxy)) {
      return { httpsAgent: this.direct };
    }
    const proxyUrl = parseProxy(proxy);
    let agent = this.viaProxy.get(proxyUrl.href);
    if (!agent) {
      agent = new (loadTunnellingAgent())(proxyUrl.href, this.tlsOptions);
      this.viaProxy.set(proxyUrl.href, agent);
    }
    return { httpsAgent: agent, proxyHost: proxyUrl.host };
  }

  dispose(): void {
    this.direct.destroy();
    this.viaProxy.forEach((agent) => agent.destroy());
  }
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

/** `proxy:3128` means `http://proxy:3128`, as in VS Code's own setting; anything unparsable is explained. */
function parseProxy(raw: string): URL {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return url;
    }
  } catch {
    // Explained below.
  }
  throw new KantataError({
    kind: 'badRequest',
    userMessage: `The proxy "${raw.replace(/\/\/[^@/]*@/, '//…@')}" is not an http:// or https:// URL. Check the http.proxy setting or the HTTPS_PROXY variable.`,
    remedies: ['openSettings'],
  });
}
