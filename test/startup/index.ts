// The start-up suite's entry (see configurations.ts): runs the test files of this run's configuration.
import { runMochaSuite } from '../support/extensionHostMocha';
import { currentConfiguration } from './configurations';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, currentConfiguration().files);
}
