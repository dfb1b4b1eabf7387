// Work that can wait until the page has painted: reading the stored session, preparing the SRP
// pair. Run earlier, it sits between the script and the first frame of the forms.

/** Resolves after the next frame has been painted (a task after requestAnimationFrame). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
      // Hidden tabs get no frames; a task is the next best moment.
      setTimeout(resolve, 0);
      return;
    }
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/** Resolves when the browser is idle after the next paint (at most `timeout` ms later). */
export async function idleAfterPaint(timeout = 2000): Promise<void> {
  await afterPaint();
  await new Promise<void>((resolve) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout }) : setTimeout(resolve, 0),
  );
}
