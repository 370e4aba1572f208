// Choices the editor offers whose words the public pages do not need.
import type { Lang } from '../app/i18n.ts';

const CONFIDENCE_WORDS = {
  confirmed: { bg: 'потвърдено от източник', en: 'confirmed by a source' },
  partial: { bg: 'частично потвърдено', en: 'partly confirmed' },
  inferred: { bg: 'изведено от нас', en: 'inferred by us' },
  not_found: { bg: 'не е намерено в източниците', en: 'not found in the sources' },
} as const;

const ACCURACY_WORDS = {
  surveyed: { bg: 'заснета', en: 'surveyed' },
  digitised: { bg: 'цифровизирана от карта', en: 'digitised from a map' },
  schematic: { bg: 'схематична', en: 'schematic' },
} as const;

export const CONFIDENCES = (lang: Lang): [string, string][] => Object.entries(CONFIDENCE_WORDS).map(([k, v]) => [k, v[lang]]);
export const GEOMETRY_ACCURACIES = (lang: Lang): [string, string][] => Object.entries(ACCURACY_WORDS).map(([k, v]) => [k, v[lang]]);
