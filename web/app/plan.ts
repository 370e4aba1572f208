// What the page calls itself and the examples it gives come from the plan and its settlements, so
// the next municipality's plan needs no change in the code.
import { plansTitle, type Municipality, type Plan, type Settlement } from '../../geo/index.ts';
import { pick, translate, type Lang } from './i18n.ts';
import { isEditorPage, type Page } from './state.ts';

type Titled = Pick<Plan, 'shortTitle'>;

/** The plan's short title ("ПИРО Казанлък 2021–2027"), or a generic name until the plan is known. */
export function planTitle(lang: Lang, plan: Titled | null | undefined): string {
  return pick(lang, plan?.shortTitle) || translate(lang, 'appTitle');
}

/**
 * What the page is about: the plan shown, or where the store holds several municipalities' plans
 * and the page shows more than one (a region, the country), all of them.
 */
export function shownTitle(plan: Titled, held: number, chosen: readonly string[]): Titled {
  return { shortTitle: plansTitle(plan.shortTitle, held < 2 ? 1 : chosen.length || held) };
}

/** The municipalities whose plans are held (the others have only their boundary here). */
export const withPlans = <M extends Pick<Municipality, 'plan'>>(municipalities: readonly M[]): M[] => municipalities.filter((m) => m.plan);

/** The browser tab's title for a page of the app. */
export function documentTitle(lang: Lang, page: Page, plan: Titled | null | undefined): string {
  if (isEditorPage(page)) return `${translate(lang, 'pageEditor')} — ${planTitle(lang, plan)}`;
  return page === 'coverage' ? coverageTitle(lang, plan) : planTitle(lang, plan);
}

export function coverageTitle(lang: Lang, plan: Titled | null | undefined): string {
  return `${translate(lang, 'coverageTitle')} — ${planTitle(lang, plan)}`;
}

/**
 * The search box's hint: the plan's administrative centre in Cyrillic and in Latin letters, to show
 * that either finds it. Without that settlement (or its Latin name) the hint names no place.
 */
export function searchHint(lang: Lang, plan: Pick<Plan, 'municipality'>, settlements: Settlement[]): string {
  const centre = settlements.find((s) => s.id === plan.municipality.adminCentreEkatte)?.properties.name;
  if (!centre?.bg || !centre.en || centre.bg === centre.en) return translate(lang, 'searchPlain');
  return translate(lang, 'search', { place: centre.bg, latin: lang === 'bg' ? centre.en.toLowerCase() : centre.en });
}
