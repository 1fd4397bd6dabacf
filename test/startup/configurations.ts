// The VS Code starts of the start-up suite: each runs some of this folder's test files in a code-server
// started with these User and Remote settings (scripts/runIntegration.js startup). Settings VS Code reads when
// it starts (http.proxy, http.proxySupport), and settings the extension must survive at activation, can only
// be tested this way. Runs in Node, in the runner, before any VS Code starts: it makes the files the
// settings name. Each start costs about 8 s of `npm test` on an idle machine.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ConfigurationKind = 'proxySupport' | 'caFiles' | 'strictSSLOff' | 'badAddresses';

export interface StartupConfiguration {
  /** Shown before each test title in the counts: `http.proxySupport=off`. */
  readonly name: string;
  readonly kind: ConfigurationKind;
  /** The test files to run (`name` for `name.test.ts`). */
  readonly files: readonly string[];
  /** User settings: application-scoped ones (http.*). */
  readonly userSettings: Readonly<Record<string, unknown>>;
  /** Remote settings: machine-scoped ones (kantata.caCertificates, kantata.baseUrl); code-server is a remote window. */
  readonly machineSettings: Readonly<Record<string, unknown>>;
  /** The CONNECT proxy the tests start (test/support/connectProxy.ts), which the settings name. */
  readonly proxyPort: number;
  /** kind caFiles: the files of kantata.caCertificates, each unusable in its own way. */
  readonly badCaFiles?: readonly string[];
}

export interface ConfigurationContext {
  /** A free port on 127.0.0.1 for the tests' proxy. */
  readonly proxyPort: number;
  /** A folder that lives until every run is over, for files the settings name. */
  readonly scratch: string;
}

export function startupConfigurations({ proxyPort, scratch }: ConfigurationContext): StartupConfiguration[] {
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const common = { proxyPort, machineSettings: {} };
  // One start per value of http.proxySupport, each with the proxy set when VS Code starts; `override` is the
  // default, so that start sets nothing but the proxy.
  const proxySupport = (['override', 'fallback', 'on', 'off'] as const).map(
    (support): StartupConfiguration => ({
      ...common,
      name: `http.proxySupport=${support}${support === 'override' ? ' (default)' : ''}`,
      kind: 'proxySupport',
      files: ['proxySupport'],
      userSettings: support === 'override' ? { 'http.proxy': proxy } : { 'http.proxy': proxy, 'http.proxySupport': support },
    }),
  );

  const folder = path.join(scratch, 'ca-folder');
  const notPem = path.join(scratch, 'notes.txt');
  const brokenPem = path.join(scratch, 'broken.pem');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(notPem, 'Ask IT for the company certificate.\n');
  fs.writeFileSync(brokenPem, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
  const badCaFiles = [path.join(scratch, 'missing-ca.pem'), folder, notPem, brokenPem];

  // Bad settings the extension must activate with, warn about, and work despite: the CA files (read by the
  // session), http.proxyStrictSSL off (which also changes what "works" means), and the two addresses checked
  // at activation, together.
  const badSettings: StartupConfiguration[] = [
    { ...common, name: 'kantata.caCertificates: unusable files', kind: 'caFiles', files: ['badSettings'], userSettings: {}, machineSettings: { 'kantata.caCertificates': badCaFiles }, badCaFiles },
    { ...common, name: 'http.proxyStrictSSL=false', kind: 'strictSSLOff', files: ['badSettings'], userSettings: { 'http.proxyStrictSSL': false } },
    {
      ...common,
      name: 'http.proxy unparsable, kantata.baseUrl malformed',
      kind: 'badAddresses',
      files: ['badSettings'],
      userSettings: { 'http.proxy': 'http:/127.0.0.1:3128' },
      machineSettings: { 'kantata.baseUrl': 'htps//api.mavenlink.com/api/v1' },
    },
  ];
  return [...proxySupport, ...badSettings];
}

/** The configuration of this run, in the extension host (the runner passes it in the environment). */
export function currentConfiguration(): StartupConfiguration {
  const json = process.env.KANTATA_TEST_CONFIGURATION;
  if (!json) {
    throw new Error('KANTATA_TEST_CONFIGURATION is not set: run this suite with "node scripts/runIntegration.js startup"');
  }
  return JSON.parse(json) as StartupConfiguration;
}
