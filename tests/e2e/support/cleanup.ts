/**
 * Runs every clean-up step even when one fails — a policy file left under /etc changes every
 * later browser run on the machine — then throws the first error.
 */
export async function cleanUp(...steps: (() => unknown)[]): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}
