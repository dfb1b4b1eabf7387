// The one place the elements leave the page, so tests (and sites with a client-side router) can
// replace it: `navigation.go = (url, { replace }) => (replace ? router.replace(url) : router.push(url))`.

// Set once the page is on its way to another origin (the hosted UI's sign-in or /logout); cleared
// when the page comes back from the back/forward cache.
let leaving = false;
if (typeof window !== 'undefined') window.addEventListener('pageshow', () => void (leaving = false));

export const navigation = {
  /**
   * Goes to `url` (already checked to be same-origin). With `replace`, the current page leaves
   * the history (a gate sending a visitor away: Back must not land on it and be sent away again).
   */
  go: (url: string, options: { replace?: boolean } = {}): void => {
    // A redirect after leaving (a gate that saw the sign-out) would cancel the way to the hosted UI.
    if (leaving) return;
    if (options.replace) window.location.replace(url);
    else window.location.assign(url);
  },
  /** Leaves for another origin: the hosted UI's sign-in and sign-out pages, which no router of the site serves. */
  leave: (url: string): void => {
    leaving = true;
    window.location.assign(url);
  },
};
