/** Catch what `fn` throws so a test can look at it; fails the test if nothing is thrown. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw, got none');
}
