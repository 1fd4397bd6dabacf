import type * as http from 'node:http';
import type * as https from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';

/**
 * https-proxy-agent applies its options to the connection to the proxy, and takes the TLS options for the
 * server behind it from each request, where axios puts none: this passes our CAs and certificate checking to
 * the tunnelled connection as well.
 */
export class TunnellingAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    private readonly targetTls: https.AgentOptions,
  ) {
    super(proxy, targetTls);
  }

  override connect(request: http.ClientRequest, options: Parameters<HttpsProxyAgent<string>['connect']>[1]): ReturnType<HttpsProxyAgent<string>['connect']> {
    const tlsOptions = { ca: this.targetTls.ca, rejectUnauthorized: this.targetTls.rejectUnauthorized };
    return super.connect(request, options.secureEndpoint ? { ...options, ...tlsOptions } : options);
  }
}
