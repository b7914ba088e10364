import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/customers/customer';
import { SCALE_LABELS } from '../../../shared/domain/surveys/scale';
import {
  SURVEY_PAGE_HEADERS,
  answerFormPage,
  linkProblemPage,
  thankYouPage,
  unsubscribeConfirmPage,
  unsubscribedPage,
  type Page,
} from '../../../shared/presentation/pages/survey-pages';

const LANGUAGES: Language[] = ['zh-CN', 'zh-TW', 'en'];
const TOKEN = 'tok.en/with+odd?chars&"quote';
const ENCODED = encodeURIComponent(TOKEN).replaceAll('"', '&quot;');
const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

const form = (overrides: Partial<Parameters<typeof answerFormPage>[0]> = {}) =>
  answerFormPage({ language: 'en', token: 'abc', question: 'How did we do?', ...overrides });

const radios = (html: string) => html.match(/<input type="radio"[^>]*>/g) ?? [];
const checkedValues = (html: string) =>
  radios(html)
    .filter((tag) => /\schecked\b/.test(tag))
    .map((tag) => /value="(\d)"/.exec(tag)?.[1]);

const allPages = (language: Language): Page[] => [
  form({ language, selected: 3, error: 'Please choose', answeredBefore: { score: 2 } }),
  thankYouPage(language, 5),
  linkProblemPage(language, 'forged'),
  linkProblemPage(language, 'not-found'),
  linkProblemPage(language, 'expired'),
  linkProblemPage(language, 'closed'),
  unsubscribeConfirmPage(language, TOKEN),
  unsubscribedPage(language),
];

describe('the survey answer form', () => {
  it('preselects the clicked score and only it, five choices from 5 down to 1', () => {
    for (const selected of [1, 2, 3, 4, 5] as const) {
      const { html, status } = form({ selected });
      expect(status).toBe(200);
      expect(radios(html).map((tag) => /value="(\d)"/.exec(tag)?.[1])).toEqual([
        '5',
        '4',
        '3',
        '2',
        '1',
      ]);
      expect(radios(html).every((tag) => tag.includes('name="score"'))).toBe(true);
      expect(checkedValues(html)).toEqual([String(selected)]);
    }
  });

  it('checks nothing without a score and falls back to the earlier answer', () => {
    expect(checkedValues(form().html)).toEqual([]);
    expect(checkedValues(form({ answeredBefore: { score: 2 } }).html)).toEqual(['2']);
    expect(checkedValues(form({ selected: 4, answeredBefore: { score: 2 } }).html)).toEqual(['4']);
  });

  it.each(LANGUAGES)('labels the choices in %s', (language) => {
    const { html } = form({ language, selected: 1 });
    for (const score of [1, 2, 3, 4, 5] as const) {
      expect(html).toMatch(
        new RegExp(`value="${score}"[^>]*> <span>${SCALE_LABELS[language][score]}</span>`),
      );
    }
    expect(html).toContain(`<html lang="${language}">`);
  });

  it('has a fieldset with the question as legend, a bounded comment box and one button', () => {
    const { html } = form();
    expect(html).toMatch(/<fieldset><legend>How did we do\?<\/legend>/);
    expect(html).toMatch(/<textarea[^>]*name="comment"[^>]*maxlength="2000"/);
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain('<form method="post" action="/s/abc">');
  });

  it('URL-encodes the token in the form action', () => {
    const { html } = form({ token: TOKEN });
    expect(html).toContain(`action="/s/${ENCODED}"`);
    expect(ENCODED).not.toMatch(/[/?&+"]/);
  });

  it.each(XSS)('escapes %s in the question, comment and error', (attack) => {
    const { html, status } = form({ question: attack, comment: attack, error: attack });
    expect(status).toBe(422);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/"\s*onerror/);
    expect(html).toContain(
      attack.replaceAll('<', '&lt;').replaceAll('"', '&quot;').replaceAll('>', '&gt;'),
    );
  });

  it('escapes an earlier comment shown again and cannot close the textarea', () => {
    const { html } = form({
      answeredBefore: { score: 3, comment: '</textarea><script>x()</script>' },
    });
    expect(html).not.toContain('<script');
    expect(html.match(/<\/textarea>/g)).toHaveLength(1);
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>');
  });

  it('shows the error as an alert above the form, with status 422', () => {
    const { html, status } = form({ error: 'Please choose an answer.' });
    expect(status).toBe(422);
    const alert = html.indexOf('role="alert"');
    expect(alert).toBeGreaterThan(-1);
    expect(alert).toBeLessThan(html.indexOf('<form'));
    expect(html).toContain('Please choose an answer.');
    expect(form().html).not.toContain('role="alert"');
  });

  it.each([
    ['en', 'You already answered “Dissatisfied”. You can change your answer below.'],
    ['zh-CN', '您之前的回答是“不满意”。您可以在下方修改您的回答。'],
    ['zh-TW', '您先前的回答是「不滿意」。您可以在下方修改您的回答。'],
  ] as const)('tells in %s that an earlier answer can be changed', (language, text) => {
    const { html } = form({ language, answeredBefore: { score: 2, comment: 'slow' } });
    expect(html).toContain(text);
    expect(html).toContain('>slow</textarea>');
    expect(form({ language }).html).not.toContain(text);
  });
});

describe('the other survey pages', () => {
  it.each([
    ['forged', 404, 'This link is not valid'],
    ['not-found', 404, 'This link is not valid'],
    ['expired', 410, 'This survey link has expired'],
    ['closed', 409, 'This survey can no longer be changed'],
  ] as const)('answers a %s link with %i', (reason, status, title) => {
    const page = linkProblemPage('en', reason);
    expect(page.status).toBe(status);
    expect(page.html).toContain(`<h1>${title}</h1>`);
    expect(page.html).not.toContain('<form');
  });

  it('says the same for forged and unknown links, in every language', () => {
    for (const language of LANGUAGES) {
      expect(linkProblemPage(language, 'forged')).toEqual(linkProblemPage(language, 'not-found'));
    }
    expect(linkProblemPage('zh-CN', 'expired').html).toContain('此调查链接已过期');
    expect(linkProblemPage('zh-TW', 'closed').html).toContain('此調查已無法修改');
  });

  it('thanks with the recorded score', () => {
    expect(thankYouPage('en', 4)).toMatchObject({ status: 200 });
    expect(thankYouPage('en', 4).html).toContain('“Satisfied”');
    expect(thankYouPage('zh-CN', 1).html).toContain('“非常不满意”');
    expect(thankYouPage('zh-TW', 3).html).toContain('「普通」');
  });

  it('confirms an unsubscription with one button POSTing to the encoded URL', () => {
    const page = unsubscribeConfirmPage('en', TOKEN);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<form method="post" action="/s/${ENCODED}/unsubscribe">`);
    expect(page.html.match(/<button/g)).toHaveLength(1);
    expect(page.html).not.toContain(TOKEN);
    expect(unsubscribedPage('zh-TW')).toMatchObject({ status: 200 });
    expect(unsubscribedPage('zh-TW').html).toContain('您已取消訂閱');
  });
});

describe('every survey page', () => {
  it.each(LANGUAGES)('is a complete, script-free document in %s', (language) => {
    for (const { html } of allPages(language)) {
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<meta name="viewport"');
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toMatch(/<main>.*<h1>[^<]+<\/h1>.*<\/main>/s);
      expect(html).toContain('<style>');
      expect(html.toLowerCase()).not.toContain('<script');
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/(src|href)=/i);
      expect(html).not.toMatch(/https?:/);
    }
  });

  it('never shows the token on problem pages', () => {
    for (const language of LANGUAGES) {
      for (const reason of ['forged', 'expired', 'closed', 'not-found'] as const) {
        const { html } = linkProblemPage(language, reason);
        expect(html).not.toContain('/s/');
        expect(html).not.toContain('abc');
      }
    }
  });

  it('is served uncached, framed by nobody and without a referrer', () => {
    expect(SURVEY_PAGE_HEADERS).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
