import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

/** The .vscode files allow comments; ours are whole-line comments only, so dropping those lines gives JSON. */
function readJsonWithComments(file: string): unknown {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return JSON.parse(text.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n'));
}

interface Task {
  label: string;
  type?: string;
  script?: string;
  command?: string;
  dependsOn?: string[];
}
interface Launch {
  name: string;
  preLaunchTask?: string;
  args: string[];
}

describe('files for contributors (.vscode, .nvmrc)', () => {
  const { tasks } = readJsonWithComments('.vscode/tasks.json') as { tasks: Task[] };
  const { configurations } = readJsonWithComments('.vscode/launch.json') as { configurations: Launch[] };
  const labels = new Set(tasks.map((task) => task.label));
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('F5 runs the extension against the sandbox, and another launch runs the extension-host suite', () => {
    assert.deepEqual(configurations.map((launch) => launch.name), ['Run Extension (sandbox)', 'Extension Tests']);
    const [run, tests] = configurations as [Launch, Launch];
    assert.ok(run.args.includes('--extensionDevelopmentPath=${workspaceFolder}'));
    assert.ok(tests.args.includes('--extensionTestsPath=${workspaceFolder}/out/test/integration/index'));
    assert.ok(fs.existsSync(path.join(root, 'test', 'integration', 'index.ts')), 'the suite entry the launch names');
  });

  it('every task a launch or another task names exists, and so does what each task runs', () => {
    for (const launch of configurations) {
      assert.ok(launch.preLaunchTask && labels.has(launch.preLaunchTask), `${launch.name}: ${launch.preLaunchTask}`);
    }
    for (const task of tasks) {
      for (const dependency of task.dependsOn ?? []) {
        assert.ok(labels.has(dependency), `${task.label} depends on ${dependency}`);
      }
      if (task.type === 'npm') {
        assert.ok(task.script && scripts[task.script], `${task.label}: npm run ${task.script}`);
      }
      const script = /^node (\S+\.js)/.exec(task.command ?? '')?.[1];
      if (script) {
        assert.ok(fs.existsSync(path.join(root, script)), `${task.label}: ${script}`);
      }
    }
  });

  it('the sandbox task starts before the F5 window and after the compile it needs', () => {
    const prepare = tasks.find((task) => task.label === 'prepare: run extension');
    assert.deepEqual(prepare?.dependsOn, ['build', 'sandbox']);
    assert.deepEqual(tasks.find((task) => task.label === 'sandbox')?.dependsOn, ['compile-tests']);
  });

  it('.nvmrc names the Node major the real-VS-Code tests need', () => {
    assert.equal(fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim(), '20');
  });

  it('recommends ESLint', () => {
    assert.deepEqual((readJsonWithComments('.vscode/extensions.json') as { recommendations: string[] }).recommendations, ['dbaeumer.vscode-eslint']);
  });

  it('.vscode-test.mjs runs the extension-host suite on the oldest VS Code engines.vscode allows', () => {
    const config = fs.readFileSync(path.join(root, '.vscode-test.mjs'), 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { vscode: string }; devDependencies: Record<string, string> };
    assert.match(config, /from '@vscode\/test-cli'/);
    assert.ok(manifest.devDependencies['@vscode/test-cli'], '@vscode/test-cli is declared');
    assert.match(config, /files: 'out\/test\/integration\/\*\*\/\*\.test\.js'/);
    const oldest = /^\^(\d+\.\d+)\./.exec(manifest.engines.vscode)?.[1];
    assert.match(config, new RegExp(`version: '${oldest?.replace('.', '\\.')}\\.\\d+'`), `the suite runs on ${oldest}`);
    assert.match(manifest.devDependencies['@types/vscode'] ?? '', new RegExp(`^~${oldest?.replace('.', '\\.')}\\.`), '@types/vscode matches engines.vscode');
  });
});
