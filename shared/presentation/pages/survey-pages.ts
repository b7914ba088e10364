import type { Language } from '../../domain/customers/customer';
import { escapeHtml } from '../html';
import { SCALE_LABELS, type Score } from '../../domain/surveys/scale';
import { SURVEY_PAGE_TEXTS } from './survey-page-texts';

/**
 * The public survey pages a customer reaches from a survey email: pure functions returning HTML.
 * A GET never records anything (mail scanners follow every link); only the forms' POSTs do.
 * No JavaScript and no external resources; every interpolated value is escaped.
 */
export interface Page {
  status: number;
  html: string;
}

/** Headers for every survey page; the token is in the URL, so no referrer and no caching. */
export const SURVEY_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

export type LinkProblem = 'forged' | 'expired' | 'closed' | 'not-found';

/** Highest first, as in the survey email. */
const SCORES: readonly Score[] = [5, 4, 3, 2, 1];
const COMMENT_MAX_LENGTH = 2000;

const STYLE = [
  'body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#fff}',
  'main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem}',
  'h1{font-size:1.5rem;line-height:1.3;margin:0 0 1rem}',
  'fieldset{border:0;margin:0 0 1.25rem;padding:0}',
  'legend{font-weight:600;font-size:1.125rem;margin-bottom:.5rem;padding:0}',
  '.choice{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .875rem;margin:.5rem 0;border:2px solid #6b6b6b;border-radius:.5rem;cursor:pointer}',
  '.choice:has(input:checked){border-color:#0b57d0;background:#e8f0fe}',
  'input[type=radio]{width:1.375rem;height:1.375rem;margin:0;accent-color:#0b57d0}',
  'label[for=comment]{display:block;font-weight:600;margin-bottom:.375rem}',
  'textarea{display:block;box-sizing:border-box;width:100%;min-height:7rem;padding:.625rem;font:inherit;color:inherit;border:2px solid #6b6b6b;border-radius:.5rem;margin-bottom:1.25rem}',
  'button{min-height:3rem;min-width:10rem;padding:.75rem 1.5rem;font:inherit;font-weight:600;color:#fff;background:#0b57d0;border:0;border-radius:.5rem;cursor:pointer}',
  'button:hover{background:#0842a0}',
  ':focus-visible{outline:3px solid #0b57d0;outline-offset:3px}',
  '.choice:has(input:focus-visible){outline:3px solid #0b57d0;outline-offset:3px}',
  '[role=alert]{margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #b3261e;background:#fce8e6;color:#8c1d18}',
  '.note{padding:.75rem 1rem;background:#f1f3f4;border-radius:.5rem}',
].join('');

const e = escapeHtml;
const paragraph = (text: string, attributes = '') => `<p${attributes}>${e(text)}</p>`;

/** The common frame: language, title, style and a <main> landmark with the <h1>. */
export const layout = (language: Language, title: string, body: string, style = ''): string =>
  '<!doctype html>' +
  `<html lang="${e(language)}"><head>` +
  '<meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<meta name="robots" content="noindex, nofollow">' +
  `<title>${e(title)}</title>` +
  `<style>${STYLE}${style}</style>` +
  `</head><body><main><h1>${e(title)}</h1>${body}</main></body></html>`;

const surveyAction = (token: string, suffix = '') => e(`/s/${encodeURIComponent(token)}${suffix}`);

export interface AnswerFormInput {
  language: Language;
  token: string;
  /** The question asked, shown as the legend of the five choices. */
  question: string;
  /** The score the customer clicked in the email; without it, the earlier answer if any. */
  selected?: Score | undefined;
  /** A comment to show again (after a refused POST); without it, the earlier comment if any. */
  comment?: string | undefined;
  /** Why the last POST was refused; the page is then a 422. */
  error?: string | undefined;
  /** The answer recorded before, which the customer may still change. */
  answeredBefore?: { score: Score; comment?: string | undefined } | undefined;
}

/** The answer form: five choices (one preselected), an optional comment and one submit button. */
export const answerFormPage = (input: AnswerFormInput): Page => {
  const texts = SURVEY_PAGE_TEXTS[input.language];
  const labels = SCALE_LABELS[input.language];
  const selected = input.selected ?? input.answeredBefore?.score;
  const comment = input.comment ?? input.answeredBefore?.comment ?? '';
  const choices = SCORES.map(
    (score) =>
      `<label class="choice"><input type="radio" name="score" value="${e(String(score))}" required${
        score === selected ? ' checked' : ''
      }> <span>${e(labels[score])}</span></label>`,
  ).join('');
  const body =
    (input.answeredBefore
      ? paragraph(texts.answeredBefore(labels[input.answeredBefore.score]), ' class="note"')
      : '') +
    (input.error ? paragraph(input.error, ' role="alert"') : '') +
    `<form method="post" action="${surveyAction(input.token)}">` +
    `<fieldset><legend>${e(input.question)}</legend>${choices}</fieldset>` +
    `<label for="comment">${e(texts.commentLabel)}</label>` +
    `<textarea id="comment" name="comment" maxlength="${COMMENT_MAX_LENGTH}" rows="4">${e(comment)}</textarea>` +
    `<button type="submit">${e(texts.submit)}</button>` +
    '</form>';
  return {
    status: input.error ? 422 : 200,
    html: layout(input.language, texts.surveyTitle, body),
  };
};

/** Shown after the answer was recorded. */
export const thankYouPage = (language: Language, score: Score): Page => {
  const texts = SURVEY_PAGE_TEXTS[language];
  return {
    status: 200,
    html: layout(
      language,
      texts.thankYouTitle,
      paragraph(texts.thankYouBody(SCALE_LABELS[language][score])),
    ),
  };
};

/** A link that cannot be answered; never shows the token. Forged and unknown links look alike. */
export const linkProblemPage = (language: Language, reason: LinkProblem): Page => {
  const texts = SURVEY_PAGE_TEXTS[language];
  const [status, title, text] = (
    {
      forged: [404, texts.invalidTitle, texts.invalidBody],
      'not-found': [404, texts.invalidTitle, texts.invalidBody],
      expired: [410, texts.expiredTitle, texts.expiredBody],
      closed: [409, texts.closedTitle, texts.closedBody],
    } satisfies Record<LinkProblem, [number, string, string]>
  )[reason];
  return { status, html: layout(language, title, paragraph(text)) };
};

/** Asks to confirm the unsubscription with one button; the GET itself changes nothing. */
export const unsubscribeConfirmPage = (language: Language, token: string): Page => {
  const texts = SURVEY_PAGE_TEXTS[language];
  const body =
    paragraph(texts.unsubscribeBody) +
    `<form method="post" action="${surveyAction(token, '/unsubscribe')}">` +
    `<button type="submit">${e(texts.unsubscribeButton)}</button></form>`;
  return { status: 200, html: layout(language, texts.unsubscribeTitle, body) };
};

/** Shown after the unsubscription was recorded. */
export const unsubscribedPage = (language: Language): Page => {
  const texts = SURVEY_PAGE_TEXTS[language];
  return {
    status: 200,
    html: layout(language, texts.unsubscribedTitle, paragraph(texts.unsubscribedBody)),
  };
};

/** Too many unknown links from one address: guessing tokens is slowed down, not helped. */
export const tooManyAttemptsPage = (language: Language): Page => {
  const texts = SURVEY_PAGE_TEXTS[language];
  return { status: 429, html: layout(language, texts.tooManyTitle, paragraph(texts.tooManyBody)) };
};

/** A request the pages cannot take, or a failure of ours: a status and a plain apology. */
export const errorPage = (language: Language, status: number): Page => {
  const texts = SURVEY_PAGE_TEXTS[language];
  return { status, html: layout(language, texts.errorTitle, paragraph(texts.errorBody)) };
};
