// The one place the elements leave the page, so tests (and sites with a client-side router) can
// replace it: `navigation.go = (url) => router.push(url)`.

export const navigation = {
  /** Goes to `url` (already checked to be same-origin). */
  go: (url: string): void => {
    window.location.assign(url);
  },
};
