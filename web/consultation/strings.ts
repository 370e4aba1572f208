// The consultation's words, Bulgarian first. Kinds, states and reject reasons take their labels from
// geo/contribution.ts, so the staff pages and these say the same.
import { translator } from '../app/i18n.ts';

const STRINGS = {
  voices: { bg: 'Въпроси и коментари', en: 'Questions and comments' },
  voicesNone: { bg: 'Още няма публикувани въпроси и коментари.', en: 'No questions or comments published yet.' },
  voicesLayer: { bg: 'Предложения и въпроси на граждани', en: 'Citizens’ proposals and questions' },
  voicesCount: { bg: 'Публикувани с място на картата: {n}', en: 'Published with a place on the map: {n}' },
  loadError: { bg: 'Приносите не можаха да се заредят.', en: 'The contributions could not be loaded.' },
  by: { bg: 'от {name}', en: 'by {name}' },
  answer: { bg: 'Отговор на общината', en: 'The municipality’s answer' },
  answered: { bg: 'с отговор', en: 'answered' },
  unanswered: { bg: 'без отговор', en: 'not answered yet' },
  linked: { bg: 'Свързани интервенции:', en: 'Linked interventions:' },
  merged: { bg: 'Обединени подобни приноси: {n}', en: 'Similar contributions merged into it: {n}' },
  ask: { bg: 'Задайте въпрос или коментирайте', en: 'Ask a question or comment' },
  kind: { bg: 'Вид', en: 'Kind' },
  text: { bg: 'Текст', en: 'Text' },
  counter: { bg: '{n} от {max} знака', en: '{n} of {max} characters' },
  displayName: { bg: 'Име, което да се публикува', en: 'Name to publish' },
  contact: { bg: 'Имейл или телефон (по желание)', en: 'Email or phone (optional)' },
  contactNote: { bg: 'Не се публикува; само общината го вижда.', en: 'Never published; only the municipality sees it.' },
  honeypot: { bg: 'Не попълвайте това поле', en: 'Leave this field empty' },
  consent: {
    bg: 'Текстът и името се публикуват след преглед от модератор. Не пишете лични данни в текста.',
    en: 'The text and the name are published after a moderator reviews them. Do not put personal data in the text.',
  },
  send: { bg: 'Изпрати', en: 'Send' },
  sending: { bg: 'Изпраща се…', en: 'Sending…' },
  closed: { bg: 'Приемането на въпроси и предложения е спряно.', en: 'Questions and proposals are not being accepted at the moment.' },
  refused: { bg: 'Не е изпратено:', en: 'Not sent:' },
  rateLimited: { bg: 'Твърде много изпращания. Опитайте отново след {s} с.', en: 'Too many posts. Try again in {s} s.' },
  networkError: { bg: 'Няма връзка със сървъра. Опитайте отново.', en: 'The server could not be reached. Try again.' },
  postedTitle: { bg: 'Благодарим! Приносът ви чака преглед от модератор.', en: 'Thank you! Your contribution awaits moderation.' },
  postedKeep: {
    bg: 'Запазете тази връзка: чрез нея ще видите отговора или ще оттеглите приноса си. Тя не се показва никъде другаде.',
    en: 'Keep this link: with it you will see the answer or withdraw your contribution. It is shown nowhere else.',
  },
  privateLink: { bg: 'Вашата лична връзка', en: 'Your private link' },
  copy: { bg: 'Копирай връзката', en: 'Copy the link' },
  copied: { bg: 'Копирано', en: 'Copied' },
  another: { bg: 'Напиши още един', en: 'Write another' },
  // the map layer and its list
  list: { bg: 'Приноси на граждани', en: 'Citizens’ contributions' },
  allKinds: { bg: 'всички видове', en: 'all kinds' },
  anyAnswer: { bg: 'с и без отговор', en: 'answered or not' },
  download: { bg: 'Изтегли (GeoJSON)', en: 'Download (GeoJSON)' },
  back: { bg: 'Към приносите', en: 'Back to the contributions' },
  theme: { bg: 'Тема', en: 'Theme' },
  settlement: { bg: 'Населено място', en: 'Settlement' },
  about: { bg: 'Относно', en: 'About' },
  publishedOn: { bg: 'Публикуван', en: 'Published' },
  postedOn: { bg: 'Изпратен', en: 'Posted' },
  // proposing on the map
  propose: { bg: 'Предложи на картата', en: 'Propose on the map' },
  proposeTitle: { bg: 'Предложение на картата', en: 'A proposal on the map' },
  proposeHint: { bg: 'Щракнете върху картата, за да поставите точка.', en: 'Click the map to place a point.' },
  useCentre: { bg: 'Използвай центъра на картата', en: 'Use the centre of the map' },
  placed: { bg: 'Точка: {lat}, {lon}', en: 'Point: {lat}, {lon}' },
  notPlaced: { bg: 'Още няма поставена точка.', en: 'No point placed yet.' },
  movePoint: { bg: 'Щракнете отново върху картата, за да преместите точката.', en: 'Click the map again to move the point.' },
  category: { bg: 'Категория', en: 'Category' },
  chooseCategory: { bg: 'Изберете категория…', en: 'Choose a category…' },
  cancel: { bg: 'Отказ', en: 'Cancel' },
  // the private page
  mineTitle: { bg: 'Вашият принос № {id}', en: 'Your contribution no. {id}' },
  mineLoading: { bg: 'Зарежда се…', en: 'Loading…' },
  wrongKey: {
    bg: 'Тази връзка не отваря принос: ключът липсва или е грешен. Проверете, че сте копирали цялата връзка, заедно с частта след „#“.',
    en: 'This link opens no contribution: the key is missing or wrong. Check that you copied the whole link, including the part after “#”.',
  },
  state: { bg: 'Състояние', en: 'State' },
  rejectReason: { bg: 'Причина', en: 'Reason' },
  mergedInto: { bg: 'Обединен с принос № {id}', en: 'Merged into contribution no. {id}' },
  noAnswerYet: { bg: 'Общината още не е отговорила.', en: 'The municipality has not answered yet.' },
  withdraw: { bg: 'Оттегли', en: 'Withdraw' },
  withdrawConfirm: {
    bg: 'Да се оттегли ли приносът? Текстът му ще бъде изтрит и няма да се публикува.',
    en: 'Withdraw the contribution? Its text will be erased and it will not be published.',
  },
  withdrawYes: { bg: 'Да, оттегли', en: 'Yes, withdraw' },
  withdrawn: { bg: 'Приносът е оттеглен.', en: 'The contribution has been withdrawn.' },
  toMap: { bg: 'Към картата', en: 'To the map' },
} as const;

export type ConsultationKey = keyof typeof STRINGS;

export const ct = translator<ConsultationKey>(STRINGS);
