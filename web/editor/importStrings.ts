// The import page's words, Bulgarian first. Kept apart from strings.ts: the page has many of its own,
// and it says in a planner's words what the server decided and why (the `by` of each decision).
import type { DECIDED_BY, RowAction } from '../../geo/import-preview.ts';
import type { ImportPreview } from '../../geo/import-preview.ts';
import { translator, type Lang } from '../app/i18n.ts';

type Words = { bg: string; en: string };

const STRINGS = {
  importTitle: { bg: 'Импорт от файл', en: 'Import from a file' },
  importIntro: {
    bg: 'Качете файл, вижте какво ще стане с всеки ред, и запишете приетите редове като чернови. Нищо не се записва преди „Запиши като чернови“; черновите стават публични едва след преглед.',
    en: 'Upload a file, see what becomes of each row, and save the accepted rows as drafts. Nothing is written before “Save as drafts”; drafts become public only after review.',
  },
  file: { bg: 'Файл (GeoJSON, CSV, XLSX, KML/KMZ, GPX, шейпфайл в ZIP, GeoPackage; до 25 MB)', en: 'File (GeoJSON, CSV, XLSX, KML/KMZ, GPX, zipped shapefile, GeoPackage; up to 25 MB)' },
  dropHere: { bg: 'или пуснете файла тук', en: 'or drop the file here' },
  chosenFile: { bg: 'Избран: {name} ({size})', en: 'Chosen: {name} ({size})' },
  tooBig: { bg: 'Файлът е {size}: най-много 25 MB.', en: 'The file is {size}: at most 25 MB.' },
  noFile: { bg: 'Изберете файл.', en: 'Choose a file.' },
  into: { bg: 'Какво съдържа', en: 'What it holds' },
  into_interventions: { bg: 'интервенции (проекти)', en: 'interventions (projects)' },
  into_zones: { bg: 'зони', en: 'zones' },
  into_layer: { bg: 'справочен слой на картата', en: 'a reference layer of the map' },
  layerTitle: { bg: 'Заглавие на слоя в легендата (напр. Чешми)', en: 'Layer title in the legend (e.g. Fountains)' },
  layerName: { bg: 'Име на слоя (малки латински букви и тирета, напр. cheshmi)', en: 'Layer name (lower-case Latin letters and hyphens, e.g. fountains)' },
  badLayerName: { bg: 'Името на слоя е от малки латински букви и тирета и започва с буква.', en: 'A layer name is lower-case Latin letters and hyphens, starting with a letter.' },
  uploadOptions: { bg: 'Ако автоматичното разпознаване сгреши', en: 'If the automatic detection gets it wrong' },
  previewButton: { bg: 'Прегледай', en: 'Preview' },
  uploading: { bg: 'Качване… {percent} %', en: 'Uploading… {percent} %' },
  uploadProgress: { bg: 'Качване на файла', en: 'Uploading the file' },
  reading: { bg: 'Сървърът чете файла и проверява всеки ред…', en: 'The server is reading the file and checking every row…' },
  refusedTitle: { bg: 'Файлът не може да бъде прегледан ({status}, {code})', en: 'The file cannot be previewed ({status}, {code})' },
  changeRefusedTitle: { bg: 'Прегледът не може да бъде обновен ({status}, {code})', en: 'The preview cannot be updated ({status}, {code})' },
  commitRefusedTitle: { bg: 'Записът е отказан ({status}, {code})', en: 'The commit is refused ({status}, {code})' },
  previewOf: { bg: 'Преглед на {name}', en: 'Preview of {name}' },
  previewReady: { bg: 'Прегледът е готов: {rows} реда.', en: 'The preview is ready: {rows} rows.' },
  previewUpdated: { bg: 'Прегледът е обновен: {create} нови, {update} променени, {unchanged} без промяна, {refused} отказани.', en: 'The preview is updated: {create} new, {update} changed, {unchanged} unchanged, {refused} refused.' },
  format: { bg: 'Формат', en: 'Format' },
  target: { bg: 'Внася се в', en: 'Imported into' },
  targetLayer: { bg: 'слой „{name}“', en: 'layer “{name}”' },
  crs: { bg: 'Координатна система', en: 'Coordinate system' },
  encoding: { bg: 'Кодировка на текста', en: 'Text encoding' },
  sheet: { bg: 'Таблица / лист от файла', en: 'Table / sheet of the file' },
  notApplicable: { bg: 'не се отнася за този файл', en: 'does not apply to this file' },
  decided: { bg: '{value} — {by}', en: '{value} — {by}' },
  serverSays: { bg: 'Обяснение на сървъра', en: 'The server’s reason' },
  automatic: { bg: 'автоматично', en: 'automatic' },
  overrideCrs: { bg: 'Друга координатна система', en: 'Another coordinate system' },
  overrideEncoding: { bg: 'Друга кодировка', en: 'Another encoding' },
  encodingHint: { bg: 'Ако имената в таблицата са неразбираеми знаци, изберете другата кодировка.', en: 'If the names in the table are garbled, choose the other encoding.' },
  by_override: { bg: 'избрано от вас', en: 'chosen by you' },
  by_prj: { bg: 'от файла .prj на шейпфайла', en: 'from the shapefile’s .prj file' },
  by_gpkg: { bg: 'от описанието на таблицата в GeoPackage', en: 'from the table’s definition in the GeoPackage' },
  'by_geojson-crs': { bg: 'от полето „crs“ във файла GeoJSON', en: 'from the GeoJSON file’s “crs” member' },
  by_cpg: { bg: 'от файла .cpg на шейпфайла', en: 'from the shapefile’s .cpg file' },
  by_magnitude: { bg: 'по големината на координатите: само при това четене точките попадат в общината', en: 'by the size of the coordinates: only this reading puts the points in the municipality' },
  by_format: { bg: 'според формата: той винаги е такъв', en: 'by the format: it is always so' },
  'by_utf-8-valid': { bg: 'текстът е валиден UTF-8', en: 'the text is valid UTF-8' },
  by_fallback: { bg: 'по подразбиране: нищо във файла не го посочва', en: 'by default: nothing in the file says otherwise' },
  counts: { bg: 'Какво ще стане с редовете', en: 'What becomes of the rows' },
  action_create: { bg: 'нови', en: 'new' },
  action_update: { bg: 'променени', en: 'changed' },
  action_unchanged: { bg: 'без промяна', en: 'unchanged' },
  action_refused: { bg: 'отказани', en: 'refused' },
  one_create: { bg: 'нов', en: 'new' },
  one_update: { bg: 'промяна', en: 'change' },
  one_unchanged: { bg: 'без промяна', en: 'unchanged' },
  one_refused: { bg: 'отказан', en: 'refused' },
  rowsTotal: { bg: 'Редове във файла: {n}', en: 'Rows in the file: {n}' },
  mapLabel: { bg: 'Обектите от файла на картата, оцветени според това какво ще стане с тях', en: 'The file’s features on the map, coloured by what becomes of them' },
  noGeometryRows: { bg: 'Няма редове с геометрия: картата е празна.', en: 'No row has a geometry: the map is empty.' },
  legend: { bg: 'Легенда', en: 'Legend' },
  rowsTitle: { bg: 'Редовете', en: 'The rows' },
  rowsHint: { bg: 'Щракнете ред или минете по редовете със стрелките, за да го видите на картата.', en: 'Click a row, or move through the rows with the arrow keys, to see it on the map.' },
  showAction: { bg: 'Покажи', en: 'Show' },
  allRows: { bg: 'всички редове', en: 'all rows' },
  colRow: { bg: 'Ред', en: 'Row' },
  colId: { bg: 'Код', en: 'Id' },
  colLabel: { bg: 'Наименование', en: 'Name' },
  colAction: { bg: 'Какво става', en: 'What happens' },
  colProblems: { bg: 'Проблеми', en: 'Problems' },
  showMore: { bg: 'Покажи още {n}', en: 'Show {n} more' },
  shownOf: { bg: 'Показани {shown} от {total}', en: 'Showing {shown} of {total}' },
  rowProblems: { bg: '{n} в: {fields}', en: '{n} in: {fields}' },
  problemsTitle: { bg: 'Проблеми ({n})', en: 'Problems ({n})' },
  problemLine: { bg: 'ред {row}: {field}: {message}', en: 'row {row}: {field}: {message}' },
  noProblems: { bg: 'Няма проблеми.', en: 'No problems.' },
  // mapping
  mappingTitle: { bg: 'Кое поле от коя колона', en: 'Which field from which column' },
  mappingIntro: {
    bg: 'За всяко поле изберете колоната от файла, която го попълва, или стойност за всички редове. Стойността се ползва и където клетката е празна.',
    en: 'For each field choose the file’s column that fills it, or a value for every row. The value is used where the cell is empty as well.',
  },
  mappingFrom_planner: { bg: 'Съответствието е зададено от вас.', en: 'The mapping is yours.' },
  mappingFrom_remembered: { bg: 'Съответствието е запомнено от последния запис на файл със същите колони.', en: 'The mapping is remembered from the last commit of a file with the same columns.' },
  mappingFrom_guessed: { bg: 'Съответствието е отгатнато по имената на колоните: проверете го.', en: 'The mapping is guessed from the column names: check it.' },
  colField: { bg: 'Поле', en: 'Field' },
  colColumn: { bg: 'Колона от файла', en: 'Column of the file' },
  colDefault: { bg: 'Стойност за всички редове', en: 'Value for every row' },
  columnOf: { bg: '{field}: колона от файла', en: '{field}: column of the file' },
  defaultOf: { bg: '{field}: стойност за всички редове', en: '{field}: value for every row' },
  supportsOf: { bg: '{field}: какво потвърждава източникът', en: '{field}: what the source supports' },
  noColumn: { bg: '— няма —', en: '— none —' },
  noDefault: { bg: '— без стойност —', en: '— no value —' },
  required: { bg: 'задължително', en: 'required' },
  rowsWithProblems: { bg: '{n} реда с проблем тук', en: '{n} rows with a problem here' },
  hint_idAuto: { bg: 'Без колона за код: ред със заглавието на съществуваща интервенция я променя, останалите получават следващия свободен код.', en: 'Without an id column: a row with the title of an existing intervention changes it, the others get the next free id.' },
  hint_list: { bg: 'Няколко, разделени със запетая.', en: 'Several, separated by commas.' },
  hint_terms: { bg: 'Изберете една или повече (Ctrl / ⌘ + щракване).', en: 'Choose one or more (Ctrl / ⌘ + click).' },
  hint_sources: { bg: 'Адреси (URL), разделени със запетая; по-долу — какво потвърждават.', en: 'Addresses (URLs) separated by commas; below, what they support.' },
  hint_planLinks: { bg: 'Кодове на цели, приоритети или мерки, разделени със запетая (връзката се отбелязва като изведена).', en: 'Codes of goals, priorities or measures separated by commas (the link is marked as inferred).' },
  hint_json: { bg: 'Стойност в JSON.', en: 'A value in JSON.' },
  supportsDefault: { bg: 'редовете на файла {name}', en: 'the rows of the file {name}' },
  notNumber: { bg: '„{text}“ не е число', en: '“{text}” is not a number' },
  notInteger: { bg: '„{text}“ не е цяло число', en: '“{text}” is not a whole number' },
  notJson: { bg: 'не е валиден JSON', en: 'is not valid JSON' },
  notUrl: { bg: '„{text}“ не е адрес (URL)', en: '“{text}” is not an address (URL)' },
  unknownPlanItem: { bg: 'няма позиция {id} в плана', en: 'no plan item {id} in the plan' },
  fixMapping: { bg: 'Поправете стойностите ({n}), преди да приложите.', en: 'Fix the values ({n}) before applying.' },
  apply: { bg: 'Приложи', en: 'Apply' },
  resetMapping: { bg: 'Върни отгатнатото / запомненото', en: 'Back to the guessed / remembered mapping' },
  working: { bg: 'Прегледът се обновява…', en: 'Updating the preview…' },
  // commit
  commitTitle: { bg: 'Запис', en: 'Commit' },
  commit: { bg: 'Запиши като чернови', en: 'Save as drafts' },
  commitLayer: { bg: 'Замени слоя на публичната карта', en: 'Replace the layer on the public map' },
  commitWhat: { bg: 'Ще бъдат записани {create} нови и {update} променени като чернови за преглед. Отказаните и непроменените редове не се записват.', en: '{create} new and {update} changed will be saved as drafts for review. Refused and unchanged rows are not written.' },
  commitLayerWhat: { bg: 'Слоят „{name}“ ще бъде заменен веднага, без преглед, с {n} обекта.', en: 'The layer “{name}” will be replaced at once, without review, by {n} features.' },
  nothingToWrite: { bg: 'Няма какво да се запише: няма нови или променени редове.', en: 'Nothing to write: no new or changed rows.' },
  layerNeedsPublisher: { bg: 'Справочен слой може да замени само публикуващ.', en: 'Only a publisher can replace a reference layer.' },
  committing: { bg: 'Записване…', en: 'Saving…' },
  committed: { bg: 'Записани са {n} чернови. Публикуващ ще ги прегледа, преди гражданите да ги видят.', en: '{n} drafts are saved. A publisher reviews them before citizens see them.' },
  committedLayer: { bg: 'Слоят „{name}“ е заменен.', en: 'The layer “{name}” is replaced.' },
  committedNone: { bg: 'Нищо не беше записано.', en: 'Nothing was written.' },
  alreadyCommitted: { bg: 'Този файл е записан на {when}. За нов импорт качете файла отново.', en: 'This file was committed at {when}. To import it again, upload it again.' },
  toReview: { bg: 'Към прегледа и публикуването', en: 'To review and publication' },
  toPublicMap: { bg: 'Към публичната карта', en: 'To the public map' },
  layerData: { bg: 'Данните на слоя (GeoJSON)', en: 'The layer’s data (GeoJSON)' },
  draftsWritten: { bg: 'Записаните чернови', en: 'The drafts written' },
  changedMeanwhile: {
    bg: 'Данните са променени, откакто направихте прегледа (някой е записал или публикувал). Нищо не е записано. Прегледайте отново и запишете.',
    en: 'The data changed since your preview (someone saved or published). Nothing is written. Preview again, then save.',
  },
  previewAgain: { bg: 'Прегледай отново', en: 'Preview again' },
  importAnother: { bg: 'Импортирай друг файл', en: 'Import another file' },
  // What a refusal of the whole file means and what to do, in the planner's words; the server's own text follows.
  explain_crs_ks1970: {
    bg: 'Координатите изглеждат като КС1970 (зони К3/К5/К7/К9) или по-стара система 1930/1950. Параметрите за нейното преобразуване не са публични, затова картата не може да постави обектите, без да ги сложи на грешно място. Поискайте файлът да бъде преобразуван в БГС2005 (CCS2005, EPSG:7801) или WGS 84 — от източника му, от правоспособен геодезист или с официалните инструменти на АГКК — и го импортирайте отново.',
    en: 'The coordinates look like КС1970 (zones K3/K5/K7/K9) or an older 1930/1950 system. Its transformation parameters are not public, so the map cannot place the features without putting them in the wrong place. Have the file converted to BGS2005 (CCS2005, EPSG:7801) or WGS 84 — by its source, a licensed surveyor, or with the official tools of the cadastre agency (АГКК) — and import it again.',
  },
  explain_crs_unknown: {
    bg: 'Координатите не попадат в общината в нито една от системите, които картата чете (WGS 84, Web Mercator, БГС2005 / CCS2005, UTM 35N). Ако знаете системата, изберете я под „Ако автоматичното разпознаване сгреши“; иначе поискайте файла в БГС2005 или WGS 84.',
    en: 'The coordinates fall inside the municipality in none of the systems the map reads (WGS 84, Web Mercator, BGS2005 / CCS2005, UTM 35N). If you know the system, choose it under “If detection gets it wrong”; otherwise ask for the file in BGS2005 or WGS 84.',
  },
  explain_unsupported_format: {
    bg: 'Картата не чете този вид файл. Запишете го като GeoJSON, CSV, XLSX, KML/KMZ, GPX, шейпфайл в ZIP или GeoPackage.',
    en: 'The map does not read this kind of file. Save it as GeoJSON, CSV, XLSX, KML/KMZ, GPX, a zipped Shapefile or GeoPackage.',
  },
  explain_unreadable: { bg: 'Файлът не може да бъде прочетен: повреден е или не е това, което казва разширението му.', en: 'The file cannot be read: it is damaged, or not what its extension says.' },
  explain_empty: { bg: 'Във файла няма редове за внасяне.', en: 'The file has no rows to import.' },
} as const satisfies Record<string, Words>;

export type ImportKey = keyof typeof STRINGS;

export const ti = translator<ImportKey>(STRINGS);

/** The planner's words for a refusal of the whole file, when there are some for its code. */
export function explainRefusal(lang: Lang, code: string): string | null {
  const key = `explain_${code}`;
  return key in STRINGS ? ti(lang, key as ImportKey) : null;
}

/** How the server decided a CRS or an encoding, in the planner's words. */
export const decidedBy = (lang: Lang, by: (typeof DECIDED_BY)[number]) => ti(lang, `by_${by}`);

/** The colours of what becomes of a row, on the map, in its legend and in the table's badges; white text on each is ≥ 4.5:1. */
export const ACTION_COLOURS: Record<RowAction, string> = { create: '#2b7a0b', update: '#1f5fa8', unchanged: '#5c636a', refused: '#b02a37' };

export const actionWord = (lang: Lang, action: RowAction, one = false) => ti(lang, `${one ? 'one' : 'action'}_${action}`);

/** The layer name of a target "layer:NAME", or null. */
export const layerOf = (target: ImportPreview['target']) => (target.startsWith('layer:') ? target.slice('layer:'.length) : null);

export const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
