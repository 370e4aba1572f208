// Where the web app shows one intervention: its detail opens from `sel` (web/app/state.ts). Links
// from outside the app (the feed, the annual report) are built here, so they follow the app's URL.
export const interventionMapHref = (base: string, id: string, asOf: string | null = null) =>
  `${base}/?sel=${encodeURIComponent(id)}${asOf ? `&asOf=${asOf}` : ''}`;
