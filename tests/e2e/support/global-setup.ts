import { assertChromiumInstalled } from './chromium';
import { assertFirefoxInstalled } from './firefox';

/** A missing browser fails the run with how to install it: it never passes by skipping. */
export default function setup(): void {
  assertChromiumInstalled();
  assertFirefoxInstalled();
}
