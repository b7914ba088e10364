import { describe, expect, it } from 'vitest';
import { surveyQuestion } from '../../shared/presentation/mail/survey-mails';
import { periodsOf } from '../../shared/domain/reports/periods';
import { formatValue } from '../../shared/presentation/reports/format';
import { SCALE_LABELS } from '../../shared/domain/surveys/scale';
import { SURVEY_PAGE_TEXTS } from '../../shared/presentation/pages/survey-page-texts';
import { PROGRESS_PAGE_TEXTS } from '../../shared/presentation/pages/complaint-progress-texts';
import { useBrowser } from '../support/browser';
import { answerLinkIn, progressLinkIn } from '../support/complaint-links';
import {
  fileAssigned,
  getComplaint,
  resolveComplaint,
  resultMailFor,
} from '../support/complaint-loop';
import { aggregate, assignedComplaintRecord } from '../support/agent-records';
import { api, readWrite, tokenFor } from '../support/harness';
import { ALL_SCOPES } from '../support/routes';
import {
  clockNow,
  headerOf,
  survey,
  surveyEmailTo,
  surveyedCustomersTagged,
  surveysToken,
  tokenOf,
} from '../support/surveys';

const tag = `browser-${Date.now().toString(36)}`;
let batch = 0;
/** A customer of its own for each test (the tag's count suffix keeps campaigns apart). */
const surveyedCustomer = async (language: 'zh-CN' | 'zh-TW' | 'en') => {
  batch += 1;
  const [customer] = await surveyedCustomersTagged(`${tag}-${batch}`, 1, {
    preferredLanguage: language,
  });
  return customer!;
};

describe('the public survey pages in a real browser', () => {
  const browser = useBrowser();

  it('answers a survey: the question in the customer language, a score clicked, the thanks, the answer recorded', async () => {
    const customer = await surveyedCustomer('zh-TW');
    const page = await browser.open(customer.link());
    const texts = SURVEY_PAGE_TEXTS['zh-TW'];
    const labels = SCALE_LABELS['zh-TW'];
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
    expect(await page.title()).toBe(texts.surveyTitle);
    // A campaign's survey is about no case in particular.
    const question = page.getByRole('group', { name: surveyQuestion('zh-TW', undefined) });
    expect(await question.getByRole('radio').count()).toBe(5);
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await browser.expectAccessible(page);

    await page.getByRole('radio', { name: labels[4], exact: true }).check();
    await page.getByRole('textbox', { name: texts.commentLabel }).fill('送貨很快');
    expect(await browser.submitWith(page.getByRole('button', { name: texts.submit }))).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(texts.thankYouTitle);
    expect(await page.getByRole('main').textContent()).toContain(labels[4]);
    await browser.expectAccessible(page);

    expect(await survey(customer.survey.id, await surveysToken())).toMatchObject({
      status: 'answered',
      answer: { score: 4, comment: '送貨很快', via: 'link' },
    });
  });

  it('works without JavaScript: the clicked score is preselected, the form posts, the answer counts', async () => {
    const customer = await surveyedCustomer('en');
    const page = await browser.open(customer.link(2), { javaScript: false });
    const texts = SURVEY_PAGE_TEXTS.en;
    const labels = SCALE_LABELS.en;
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('radio', { name: labels[2], exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(1);
    await browser.expectAccessible(page);

    // The customer changes their mind before sending.
    await page.getByRole('radio', { name: labels[1], exact: true }).check();
    expect(await browser.submitWith(page.getByRole('button', { name: texts.submit }))).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(texts.thankYouTitle);
    await browser.expectAccessible(page);
    expect((await survey(customer.survey.id, await surveysToken())).answer).toMatchObject({
      score: 1,
      via: 'link',
    });
  });

  it('shows a tampered link the "not valid" page with a 404, and records nothing', async () => {
    const customer = await surveyedCustomer('en');
    const token = tokenOf(customer.link());
    const [payload, signature] = token.split('.');
    const page = await browser.open(`/s/${payload}.${signature!.slice(0, -2)}xx`, {
      language: 'en',
      status: 404,
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      SURVEY_PAGE_TEXTS.en.invalidTitle,
    );
    expect(await page.content()).not.toContain(token);
    expect(await page.getByRole('form').count()).toBe(0);
    await browser.expectAccessible(page);
    expect((await survey(customer.survey.id, await surveysToken())).status).toBe('sent');

    // The check itself fails, and says which rule, where and why, when the page loses its language.
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { documentElement: { removeAttribute(name: string): void } };
      };
      document.documentElement.removeAttribute('lang');
    });
    await expect(browser.expectAccessible(page)).rejects.toThrow(
      /html-has-lang \(serious\): .*\n {2}at \["html"\]\n {2}https:\/\/dequeuniversity\.com\/rules\/axe\//,
    );
  });

  it('unsubscribes with one confirmation, without JavaScript, and consent is withdrawn', async () => {
    const customer = await surveyedCustomer('zh-CN');
    const [email] = await surveyEmailTo(customer.email);
    const unsubscribe = new URL(headerOf(email!, 'List-Unsubscribe')!.slice(1, -1));
    const texts = SURVEY_PAGE_TEXTS['zh-CN'];
    const page = await browser.open(unsubscribe.pathname, { javaScript: false });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      texts.unsubscribeTitle,
    );
    await browser.expectAccessible(page);
    const consent = async () =>
      (
        await api<{ consents: { surveys: { granted: boolean; source?: string } } }>(
          `/customers/${customer.customerId}`,
          { token: await readWrite() },
        )
      ).body.consents.surveys;
    expect((await consent()).granted).toBe(true);

    const confirm = page.getByRole('button', { name: texts.unsubscribeButton });
    expect(await browser.submitWith(confirm)).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      texts.unsubscribedTitle,
    );
    await browser.expectAccessible(page);
    expect(await consent()).toMatchObject({ granted: false, source: 'unsubscribe-link' });
  });
});

interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}
interface ReportFigures {
  figures: {
    satisfaction: { rate: Rate; responseRate: Rate };
    complaints: { received: number };
  };
}

describe('the service-quality report page in a real browser', () => {
  const browser = useBrowser();

  it('shows the figures the API computes, with charts described for screen readers', async () => {
    // Today's figures include at least this answer: a survey sent and answered 非常满意 (5).
    const customer = await surveyedCustomer('zh-CN');
    const answer = await browser.open(customer.link(5), { javaScript: false });
    const submit = answer.getByRole('button', { name: SURVEY_PAGE_TEXTS['zh-CN'].submit });
    expect(await browser.submitWith(submit)).toBe(200);
    const day = periodsOf(new Date(await clockNow()).toISOString())[0]!.name;
    const token = await tokenFor(['reports:read']);
    const figures = async () =>
      (await api<ReportFigures>(`/reports/service-quality?period=${day}`, { token })).body.figures;
    // The stream brings the answer in a moment later; other files' records may arrive too, so
    // the page is compared with the API's figures read just before and just after it.
    const shown = async () => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const before = await figures();
        if (before.satisfaction.rate.numerator >= 1) {
          const page = await browser.open(`/reports/service-quality/view?period=${day}`, { token });
          if (JSON.stringify(await figures()) === JSON.stringify(before)) return { before, page };
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`no steady figures for ${day} with the answer in them`);
    };
    const { before, page } = await shown();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const valueOf = async (label: RegExp) =>
      (await page.getByRole('row', { name: label }).getByRole('cell').nth(1).textContent())?.trim();
    // The API gives each rate exactly; the page rounds it once, from numerator / denominator.
    const exactly = (rate: Rate) => rate.numerator / rate.denominator;
    expect(before.satisfaction.rate.value).toBe(exactly(before.satisfaction.rate));
    expect(await valueOf(/^满意率 Satisfaction rate/)).toBe(
      formatValue(exactly(before.satisfaction.rate), 'percent'),
    );
    expect(before.satisfaction.responseRate.value).toBe(exactly(before.satisfaction.responseRate));
    expect(await valueOf(/^答复率 Survey response rate/)).toBe(
      formatValue(exactly(before.satisfaction.responseRate), 'percent'),
    );
    const rateRow = page.getByRole('row', { name: /^满意率 Satisfaction rate/ });
    expect(await rateRow.textContent()).toContain(
      `${before.satisfaction.rate.numerator} / ${before.satisfaction.rate.denominator}`,
    );
    const charts = page.getByRole('img');
    expect(await charts.count()).toBeGreaterThanOrEqual(5);
    for (const chart of await charts.all()) {
      expect((await chart.getAttribute('aria-label'))?.length).toBeGreaterThan(10);
    }
    await browser.expectAccessible(page);
  });
});

describe('the staff ranking of the report page in a real browser', () => {
  const browser = useBrowser();

  it('ranks staff members per figure, best and worst five, accessibly, and shows one of them', async () => {
    // A far month of this file's own: three staff members, each with their own complaints.
    const run = Date.now().toString(36);
    const admin = await tokenFor(ALL_SCOPES, { role: 'admin', subject: `browser-admin-${run}` });
    const people = [
      [`rank-a-${run}`, '陈静', 3],
      [`rank-b-${run}`, '赵磊', 1],
      [`rank-c-${run}`, 'Jane <Doe>', 2],
    ] as const;
    for (const [id, name] of people) {
      const response = await api(`/staff/${id}`, {
        method: 'PUT',
        token: admin,
        body: {
          name,
          email: `${id}@staff.example.com`,
          department: 'logistics',
          role: 'agent',
          onDuty: false,
        },
      });
      expect(response.status).toBeLessThan(300);
    }
    const records = people.flatMap(([id, , handled]) =>
      Array.from({ length: handled }, (_, index) =>
        assignedComplaintRecord(`rank-${run}-${id}-${index}`, {
          id: `R${run}${id.slice(5, 6)}${index}`,
          ownerId: id,
          receivedAt: '2032-03-10T02:00:00.000Z',
          resolved: index === 0,
          firstResponseHours: handled + index,
        }),
      ),
    );
    expect(await aggregate(records)).toEqual([]);

    const page = await browser.open('/reports/service-quality/view?period=2032-03', {
      token: admin,
    });
    const ranking = page.getByRole('table', { name: /Best and worst five per figure/ });
    const handled = ranking.getByRole('row', { name: /^处理投诉 Complaints handled/ });
    const [top, bottom] = await handled.getByRole('cell').all();
    expect((await top!.getByRole('listitem').allTextContents()).slice(0, 3)).toEqual([
      '陈静 (物流部 Logistics) 3',
      'Jane <Doe> (物流部 Logistics) 2',
      '赵磊 (物流部 Logistics) 1',
    ]);
    expect(await bottom!.textContent()).not.toContain('陈静');
    expect(await page.content()).not.toContain('@staff.example.com');
    await browser.expectAccessible(page);

    const one = await browser.open(
      `/reports/service-quality/view?period=2032-03&agent=${people[0][0]}`,
      {
        token: admin,
      },
    );
    const row = one.getByRole('row', { name: /^处理投诉 Complaints handled/ }).first();
    expect((await row.getByRole('cell').nth(1).textContent())?.trim()).toBe('3');
    await browser.expectAccessible(one);
  });
});

describe('the complaint progress page in a real browser', () => {
  const browser = useBrowser();

  it('shows the complaint from the receipt and takes a message, with a script-free page', async () => {
    const { complaint, receipt } = await fileAssigned('zh-CN');
    const texts = PROGRESS_PAGE_TEXTS['zh-CN'];
    const page = await browser.open(progressLinkIn(receipt));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(texts.title);
    const facts = await page.locator('dl').textContent();
    expect(facts).toContain(complaint.number);
    expect(facts).toContain(texts.statusWords.in_hand);
    expect(facts).toContain(texts.promisedBy);
    await browser.expectAccessible(page);

    const box = page.getByRole('region', { name: texts.messageHeading });
    await box.getByRole('textbox', { name: texts.messageLabel }).fill('师傅明天上午能来吗？');
    expect(await browser.submitWith(box.getByRole('button', { name: texts.send }))).toBe(200);
    expect(await page.getByRole('status').textContent()).toBe(texts.messageSent);
    const history = page.getByRole('region', { name: texts.historyHeading });
    expect(await history.textContent()).toContain('师傅明天上午能来吗？');
    await browser.expectAccessible(page);
    const messages = (await getComplaint(complaint.id)).timeline.filter(
      (entry) => entry.action === 'customer_replied',
    );
    expect(messages.map((entry) => entry.note)).toEqual(['师傅明天上午能来吗？']);
  });

  it('confirms the result from the email link without JavaScript: preselected, posted, closed', async () => {
    const { complaint, email } = await fileAssigned('en');
    const texts = PROGRESS_PAGE_TEXTS.en;
    const resolved = await resolveComplaint(complaint.id, {
      plan: 'Replace the door seal (work order 88)',
      messageToCustomer: 'We replaced the door seal and checked the drain hose.',
      customerAgreed: true,
    });
    const result = await resultMailFor(email, resolved.number, resolved.resolution!.resolvedAt);
    const page = await browser.open(answerLinkIn(result, 'solved'), { javaScript: false });
    const section = page.getByRole('region', { name: texts.resultHeading });
    expect(await section.textContent()).toContain('We replaced the door seal');
    expect(await page.content()).not.toContain('work order 88');
    const choices = section.getByRole('group', { name: texts.question });
    expect(await choices.getByRole('radio', { name: texts.solved, exact: true }).isChecked()).toBe(
      true,
    );
    expect(await choices.getByRole('radio', { checked: true }).count()).toBe(1);
    expect((await getComplaint(complaint.id)).status).toBe('resolved');
    await browser.expectAccessible(page);

    await section.getByRole('textbox', { name: texts.wordsLabel }).fill('Dry since Tuesday.');
    expect(await browser.submitWith(section.getByRole('button', { name: texts.send }))).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(texts.closedTitle);
    await browser.expectAccessible(page);
    expect(await getComplaint(complaint.id)).toMatchObject({
      status: 'closed',
      closedBy: 'customer',
      confirmation: { answer: 'solved', via: 'link' },
    });
  });
});
