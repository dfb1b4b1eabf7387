// The one place the elements leave the page, so tests (and sites with a client-side router) can
// replace it: `navigation.go = (url, { replace }) => (replace ? router.replace(url) : router.push(url))`.

export const navigation = {
  /**
   * Goes to `url` (already checked to be same-origin). With `replace`, the current page leaves
   * the history (a gate sending a visitor away: Back must not land on it and be sent away again).
   */
  go: (url: string, options: { replace?: boolean } = {}): void => {
    if (options.replace) window.location.replace(url);
    else window.location.assign(url);
  },
  /** Leaves for another origin: the hosted UI's sign-in and sign-out pages, which no router of the site serves. */
  leave: (url: string): void => window.location.assign(url),
};
