import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../infra/local/lambda-runtime';
import { customerKeys } from '../../shared/adapters/privacy/customer-keys';
import {
  api,
  documents,
  eventually,
  expectCleanProblem,
  itemsUnder,
  newCustomer,
  stack,
  tokenFor,
  expectForbiddenByAuthorizer,
} from '../support/harness';
import { invokeHandlersInThisProcess } from '../support/sqs-records';
import {
  advanceClock,
  answerLinkIn,
  clockNow,
  postForm,
  surveyEmailTo,
  withSurveySettings,
} from '../support/surveys';

interface Line {
  key: string;
  kind: string;
  action: string;
  at: string;
  relatedId: string;
  number?: string;
  direction?: string;
  mailKind?: string;
  summary?: string;
  detail?: string;
}
interface Page {
  items: Line[];
  nextCursor?: string;
}
interface Complaint {
  id: string;
  number: string;
  status: string;
  customerId: string;
}

const PROJECTOR = 'functions/customers/project-customer-timeline.ts';
const INTERNAL_NOTE = 'INTERNAL-ONLY-内部备注';
const run = Date.now().toString(36);

let admin: string;
let customer: { id: string; email: string };
let complaint: Complaint;
let revisitId: string;

const timeline = (query = '', token = admin) =>
  api<Page>(`/customers/${customer.id}/timeline${query}`, { token });

/** Every line, page by page (small pages, to go through the cursors). */
const allLines = async (query = '') => {
  const lines: Line[] = [];
  let cursor: string | undefined;
  do {
    const page = await timeline(
      `?limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status, page.text).toBe(200);
    lines.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return lines;
};

const timelineItems = async () => {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customer.id}`, ':prefix': 'TIMELINE#' },
      ConsistentRead: true,
    }),
  );
  return Items;
};

const eml = (from: string, subject: string, text: string) =>
  [
    `From: <${from}>`,
    'To: complaints@kefu.local',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: <timeline-${run}-${Math.random().toString(36).slice(2)}@mail.example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(text).toString('base64'),
    '',
  ].join('\r\n');

const act = async (name: string, body: unknown) => {
  const response = await api(`/complaints/${complaint.id}/${name}`, { token: admin, body });
  expect(response.status, `${name}: ${response.text}`).toBeLessThan(300);
};

beforeAll(async () => {
  admin = await tokenFor(
    [
      'admin',
      'customers:read',
      'customers:write',
      'complaints:read',
      'complaints:write',
      'revisits:read',
      'revisits:write',
      'surveys:read',
    ],
    { role: 'admin', subject: `timeline-admin-${run}` },
  );
  await api('/departments/customer-service', {
    method: 'PUT',
    token: admin,
    body: { name: '客服部' },
  });
  await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: [] } });
  const staffId = `tl-${run}`;
  await api(`/staff/${staffId}`, {
    method: 'PUT',
    token: admin,
    body: {
      name: 'TL',
      email: `${staffId}@staff.example.com`,
      department: 'customer-service',
      role: 'agent',
      onDuty: true,
    },
  });
  const restore = await withSurveySettings({ sendRatePerSecond: 100, sendReminder: false });

  const created = await api<{ id: string; email: string }>('/customers', {
    token: admin,
    body: newCustomer(),
  });
  customer = created.body;

  // A contact by phone.
  const contactAt = new Date((await clockNow()) - 3_600_000).toISOString();
  await api(`/customers/${customer.id}/interactions`, {
    token: admin,
    body: { channel: 'phone', occurredAt: contactAt, need: '咨询退货流程', result: '已告知地址' },
  });

  // A complaint worked to closing, with internal steps between the public ones.
  const filed = await api<Complaint>('/complaints', {
    token: admin,
    body: {
      customerId: customer.id,
      channel: 'web',
      subject: '屏幕有划痕',
      description: '新买的手机屏幕有划痕。',
    },
  });
  complaint = filed.body;
  // Routed to customer service and given to its one agent on duty.
  await eventually(async () => {
    const { body } = await api<Complaint>(`/complaints/${complaint.id}`, { token: admin });
    return body.status === 'assigned' ? body : undefined;
  }, 'routing and assignment');
  await act('responses', { message: '我们将为您换货。' });
  await act('await-customer', { note: INTERNAL_NOTE });
  // The customer answers by email, quoting the number: a contact and an email received.
  const reply = await fetch(`${stack.urls.api}/_local/inbound-email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: eml(customer.email, `Re: ${complaint.number}`, '好的，请尽快换货。'),
  });
  expect(reply.status).toBe(202);
  await act('resolve', { plan: '换新机', customerAgreed: true });
  await act('close', {});

  // A revisit planned by hand, and a call that did not reach the customer.
  const planned = await api<{ id: string }>('/revisits', {
    token: admin,
    body: {
      customerId: customer.id,
      dueAt: new Date(await clockNow()).toISOString(),
      channel: 'phone',
      reason: '确认换货',
    },
  });
  revisitId = planned.body.id;
  await api(`/revisits/${revisitId}/outcome`, { token: admin, body: { reached: false } });

  // The after-case survey, sent a day later and answered by link.
  await eventually(async () => {
    const { body } = await api<{ items: unknown[] }>(`/customers/${customer.id}/surveys`, {
      token: admin,
    });
    return body.items.length > 0 ? true : undefined;
  }, 'the after-case survey');
  await advanceClock(24.5);
  await api('/_local/schedules/surveys-due/run', { method: 'POST' });
  const [survey] = await surveyEmailTo(customer.email);
  expect((await postForm(answerLinkIn(survey!).split('?')[0]!, { score: '4' })).status).toBe(200);
  await restore();
}, 180_000);

describe('GET /customers/{id}/timeline', () => {
  it('merges contacts, public complaint steps, emails, revisits and surveys, newest first', async () => {
    const expected = [
      ['contact', 'recorded'],
      ['complaint', 'filed'],
      ['complaint', 'routed'],
      ['complaint', 'responded'],
      ['complaint', 'resolved'],
      ['complaint', 'closed'],
      ['email', 'sent'],
      ['email', 'received'],
      ['revisit', 'planned'],
      ['revisit', 'attempt'],
      ['survey', 'sent'],
      ['survey', 'answered'],
    ];
    const lines = await eventually(async () => {
      const all = await allLines();
      const have = (kind: string, action: string) =>
        all.some((line) => line.kind === kind && line.action === action);
      return expected.every(([kind, action]) => have(kind!, action!)) ? all : undefined;
    }, 'every kind of line');
    const times = lines.map((line) => line.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(lines.map((line) => line.key)).size).toBe(lines.length);

    expect(lines).toContainEqual(
      expect.objectContaining({
        kind: 'contact',
        action: 'recorded',
        summary: '咨询退货流程',
        detail: '已告知地址',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        kind: 'complaint',
        action: 'filed',
        relatedId: complaint.id,
        number: complaint.number,
        summary: '屏幕有划痕',
      }),
    );
    const sent = lines.filter((line) => line.kind === 'email' && line.direction === 'sent');
    expect(sent.map((line) => line.mailKind)).toEqual(
      expect.arrayContaining(['acknowledgement', 'response', 'survey']),
    );
    expect(sent.find((line) => line.mailKind === 'acknowledgement')).toMatchObject({
      relatedId: complaint.id,
      number: complaint.number,
      summary: expect.stringContaining(complaint.number),
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        kind: 'email',
        direction: 'received',
        relatedId: complaint.id,
        summary: complaint.number,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ kind: 'revisit', action: 'attempt', relatedId: revisitId }),
    );
  });

  it('keeps internal steps, notes and bodies off', async () => {
    const lines = await allLines();
    const text = JSON.stringify(lines);
    for (const hidden of [INTERNAL_NOTE, '我们将为您换货', '好的，请尽快换货', '新买的手机']) {
      expect(text).not.toContain(hidden);
    }
    const complaintActions = lines
      .filter((line) => line.kind === 'complaint')
      .map((line) => line.action);
    for (const internal of ['assigned', 'await_customer', 'resume', 'acknowledged']) {
      expect(complaintActions).not.toContain(internal);
    }
  });

  it('filters by kind through its own list, with cursors bound to it', async () => {
    const complaints = await allLines('&kind=complaint');
    expect(complaints.map((line) => line.action).sort()).toEqual([
      'closed',
      'filed',
      'resolved',
      'responded',
      'routed',
    ]);
    expect(complaints.every((line) => line.kind === 'complaint')).toBe(true);
    const emails = await allLines('&kind=email');
    expect(emails.every((line) => line.kind === 'email')).toBe(true);
    const first = await timeline('?limit=1&kind=complaint');
    expect(first.body.nextCursor).toBeDefined();
    expectCleanProblem(
      await timeline(`?limit=1&kind=email&cursor=${encodeURIComponent(first.body.nextCursor!)}`),
      400,
      'invalid-cursor',
    );
  });

  it('refuses bad input precisely', async () => {
    expectCleanProblem(await timeline('?kind=note'), 400, 'validation-failed');
    expectCleanProblem(await timeline('?limit=0'), 400, 'validation-failed');
    expectCleanProblem(
      await api('/customers/01KZ0000000000000000000C99/timeline', { token: admin }),
      404,
      'not-found',
    );
    expectForbiddenByAuthorizer(await timeline('', await tokenFor(['complaints:read'])), [
      'customers:read',
    ]);
  });

  it('is in the customer’s access log as a read', async () => {
    await timeline();
    const log = await api<{ items: { operationId: string; action: string }[] }>(
      `/customers/${customer.id}/access-log`,
      { token: await tokenFor(['audit:read']) },
    );
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ operationId: 'getCustomerTimeline', action: 'read' }),
    );
  });

  it('stores what people wrote sealed', async () => {
    const items = await timelineItems();
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      for (const field of ['summary', 'detail']) {
        if (item[field] !== undefined) expect(String(item[field])).toMatch(/^pd1:/);
      }
    }
  });
});

describe('the timeline projection (stream consumer)', () => {
  const streamRecord = (
    id: string,
    eventName: 'INSERT' | 'MODIFY',
    image: Record<string, unknown>,
  ): DynamoDBRecord => ({
    eventID: id,
    eventName,
    dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }) as never },
  });

  it('adds nothing for a duplicate or an older, late change', async () => {
    invokeHandlersInThisProcess();
    const before = await timelineItems();
    const sources = (await itemsUnder(`CUSTOMER#${customer.id}`)).filter(
      (item) => item.entityType === 'Interaction',
    );
    const [revisit] = await itemsUnder(`REVISIT#${revisitId}`);
    expect(sources.length).toBeGreaterThan(0);
    expect(revisit?.attempts).toHaveLength(1);
    // The revisit as it was before its attempt: arrives after the newer image.
    const older = { ...revisit, attempts: [], version: 1 };
    const records = [
      ...sources.map((item, index) => streamRecord(`dup-${index}`, 'INSERT', item)),
      ...sources.map((item, index) => streamRecord(`dup-again-${index}`, 'INSERT', item)),
      streamRecord('revisit-new', 'MODIFY', revisit!),
      streamRecord('revisit-old', 'MODIFY', older),
    ];
    const result = (await invoke(PROJECTOR, { Records: records })) as {
      batchItemFailures: unknown[];
    };
    expect(result.batchItemFailures).toEqual([]);
    expect(await timelineItems()).toEqual(before);
  });
});

describe('erasure', () => {
  it('leaves nothing of the timeline readable', async () => {
    const items = await timelineItems();
    expect(items.length).toBeGreaterThan(0);
    const erased = await api(`/customers/${customer.id}?legalBasis=data-subject-request`, {
      method: 'DELETE',
      token: await tokenFor(['customers:erase'], { subject: `dpo-${run}` }),
    });
    expect(erased.status).toBe(200);
    expectCleanProblem(await timeline(), 410, 'gone');
    expectCleanProblem(await timeline('?kind=contact'), 410, 'gone');
    const left = await itemsUnder(`CUSTOMER#${customer.id}`);
    expect(left.some((item) => item.sk === 'DATA_KEY')).toBe(false);
    const raw = JSON.stringify(left);
    for (const written of ['咨询退货流程', '已告知地址', '屏幕有划痕', customer.email]) {
      expect(raw).not.toContain(written);
    }
    // What stays in the clear is ids, times, kinds and statuses.
    for (const item of left.filter((item) => String(item.sk).startsWith('TIMELINE#'))) {
      for (const field of ['summary', 'detail']) {
        if (item[field] !== undefined) expect(String(item[field])).toMatch(/^pd1:/);
      }
    }
    // A change that reaches the projection only after the erasure keeps no text either (in a
    // fresh execution environment: keys are cached for a minute).
    invokeHandlersInThisProcess();
    customerKeys.forget(customer.id);
    const interaction = left.find((item) => item.entityType === 'Interaction')!;
    const result = (await invoke(PROJECTOR, {
      Records: [
        {
          eventID: 'late',
          eventName: 'INSERT',
          dynamodb: {
            NewImage: marshall(
              {
                ...interaction,
                sk: 'INTERACTION#2027-01-01T00:00:00.000Z#late',
                id: 'late',
                need: '迟到的联系 late contact',
              },
              { removeUndefinedValues: true },
            ) as never,
          },
        },
      ],
    })) as { batchItemFailures: unknown[] };
    expect(result.batchItemFailures).toEqual([]);
    const late = (await timelineItems()).find((item) => item.key === 'interaction:late');
    expect(late?.summary).toBe('[erased]');
    expect(JSON.stringify(late)).not.toContain('迟到的联系');
  });
});
