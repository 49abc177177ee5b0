// Runs the tasks given to it one after another, in the order given (a task that fails does not stop the next): the
// web app's check-then-write changes, which must not interleave now that the store answers asynchronously.
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(() => task());
    tail = run.catch(() => undefined);
    return run;
  };
}
