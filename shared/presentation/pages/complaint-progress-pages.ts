import type { ConfirmationAnswer } from '../../domain/complaints/confirmation';
import type { ProgressStep, ProgressView } from '../../domain/complaints/progress';
import type { Language } from '../../domain/customers/customer';
import { escapeHtml } from '../html';
import { formatDeadline } from '../mail/complaint-mails';
import { MESSAGE_MAX_LENGTH } from '../../http/contracts/complaints';
import { PROGRESS_PAGE_TEXTS } from './complaint-progress-texts';
import { layout, type Page } from './survey-pages';

/**
 * The customer's complaint pages, reached from the receipt and the result email: pure functions
 * returning HTML, no script, every value escaped. A GET never changes anything (mail scanners
 * follow links); only the two forms' POSTs do.
 */
const e = escapeHtml;

const STYLE = [
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.375rem 1rem;margin:0 0 1.5rem}',
  'dt{font-weight:600}dd{margin:0}',
  'h2{font-size:1.25rem;margin:2rem 0 .75rem}',
  'ol.history{list-style:none;margin:0;padding:0}',
  'ol.history li{border-left:3px solid #6b6b6b;padding:.25rem 0 .75rem 1rem;margin:0}',
  'ol.history time{display:block;font-size:.9375rem;color:#444}',
  '.quote{white-space:pre-wrap;margin:.25rem 0 0}',
  '.hint{margin:.25rem 0 .75rem;color:#444}',
].join('');

const progressAction = (token: string, suffix: string) =>
  e(`/c/${encodeURIComponent(token)}${suffix}`);

const when = (instant: string, language: Language, timeZone: string) =>
  `<time datetime="${e(instant)}">${e(formatDeadline(instant, language, timeZone))}</time>`;

const step = (item: ProgressStep, language: Language, timeZone: string) => {
  const texts = PROGRESS_PAGE_TEXTS[language];
  return (
    `<li>${when(item.at, language, timeZone)}<strong>${e(texts.steps[item.kind])}</strong>` +
    (item.text ? `<p class="quote">${e(item.text)}</p>` : '') +
    '</li>'
  );
};

export interface ProgressPageInput {
  language: Language;
  /** The zone times are written in (the department calendar's). */
  timeZone: string;
  token: string;
  view: ProgressView;
  /** A fresh id for the message form, so sending it twice adds the message once. */
  messageId: string;
  /** The answer the result email's link preselects. */
  answer?: ConfirmationAnswer | undefined;
  /** Shown above everything: the message was received, or why a form was refused (then 422). */
  notice?: { kind: 'sent' | 'refused'; text: string } | undefined;
  /** Text to show again in the message box after a refused form. */
  draft?: string | undefined;
}

const confirmationForm = (input: ProgressPageInput) => {
  const texts = PROGRESS_PAGE_TEXTS[input.language];
  const awaiting = input.view.awaitingConfirmation;
  if (!awaiting) return '';
  const choice = (answer: ConfirmationAnswer, label: string) =>
    `<label class="choice"><input type="radio" name="answer" value="${answer}" required${
      input.answer === answer ? ' checked' : ''
    }> <span>${e(label)}</span></label>`;
  return (
    '<section aria-labelledby="result-heading">' +
    `<h2 id="result-heading">${e(texts.resultHeading)}</h2>` +
    `<p class="quote note">${e(awaiting.message)}</p>` +
    `<form method="post" action="${progressAction(input.token, '/resolution')}">` +
    `<input type="hidden" name="round" value="${e(awaiting.round)}">` +
    `<fieldset><legend>${e(texts.question)}</legend>` +
    choice('solved', texts.solved) +
    choice('not_solved', texts.notSolved) +
    '</fieldset>' +
    `<label for="words">${e(texts.wordsLabel)}</label>` +
    `<textarea id="words" name="words" maxlength="${MESSAGE_MAX_LENGTH}" rows="3"></textarea>` +
    `<button type="submit">${e(texts.send)}</button>` +
    '</form></section>'
  );
};

/** Status, promised date, the result to confirm, the history and a message box. */
export const progressPage = (input: ProgressPageInput): Page => {
  const texts = PROGRESS_PAGE_TEXTS[input.language];
  const { view } = input;
  const facts =
    '<dl>' +
    `<dt>${e(texts.number)}</dt><dd>${e(view.number)}</dd>` +
    `<dt>${e(texts.subject)}</dt><dd>${e(view.subject)}</dd>` +
    `<dt>${e(texts.status)}</dt><dd>${e(texts.statusWords[view.status])}</dd>` +
    (view.promisedBy
      ? `<dt>${e(texts.promisedBy)}</dt><dd>${when(view.promisedBy, input.language, input.timeZone)}</dd>`
      : '') +
    '</dl>';
  const notice = input.notice
    ? input.notice.kind === 'sent'
      ? `<p class="note" role="status">${e(input.notice.text)}</p>`
      : `<p role="alert">${e(input.notice.text)}</p>`
    : '';
  const history =
    '<section aria-labelledby="history-heading">' +
    `<h2 id="history-heading">${e(texts.historyHeading)}</h2>` +
    `<ol class="history">${[...view.steps]
      .reverse()
      .map((item) => step(item, input.language, input.timeZone))
      .join('')}</ol></section>`;
  const messageBox =
    '<section aria-labelledby="message-heading">' +
    `<h2 id="message-heading">${e(texts.messageHeading)}</h2>` +
    `<form method="post" action="${progressAction(input.token, '/messages')}">` +
    `<input type="hidden" name="messageId" value="${e(input.messageId)}">` +
    `<label for="message">${e(texts.messageLabel)}</label>` +
    `<p class="hint" id="message-hint">${e(texts.messageHint)}</p>` +
    `<textarea id="message" name="message" aria-describedby="message-hint" maxlength="${MESSAGE_MAX_LENGTH}" rows="5" required>${e(
      input.draft ?? '',
    )}</textarea>` +
    `<button type="submit">${e(texts.send)}</button>` +
    '</form></section>';
  return {
    status: input.notice?.kind === 'refused' ? 422 : 200,
    html: layout(
      input.language,
      texts.title,
      notice + facts + confirmationForm(input) + history + messageBox,
      STYLE,
    ),
  };
};

export type AnswerPageKind = 'closed' | 'reopened' | 'stale' | 'window-passed';

/** After the customer's answer: thanks, or why it could not be taken, with the way back. */
export const answerOutcomePage = (
  language: Language,
  token: string,
  kind: AnswerPageKind,
): Page => {
  const texts = PROGRESS_PAGE_TEXTS[language];
  const [title, body] = (
    {
      closed: [texts.closedTitle, texts.closedBody],
      reopened: [texts.reopenedTitle, texts.reopenedBody],
      stale: [texts.staleTitle, texts.staleBody],
      'window-passed': [texts.windowPassedTitle, texts.windowPassedBody],
    } satisfies Record<AnswerPageKind, [string, string]>
  )[kind];
  return {
    status: kind === 'stale' || kind === 'window-passed' ? 409 : 200,
    html: layout(
      language,
      title,
      `<p>${e(body)}</p><p><a href="${progressAction(token, '')}">${e(texts.backToProgress)}</a></p>`,
      STYLE,
    ),
  };
};
