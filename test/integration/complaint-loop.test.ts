import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, stack } from '../support/harness';
import {
  fileAssigned,
  getComplaint,
  type LoopComplaint as Complaint,
  loopAdmin,
  mailTo,
  resolveComplaint,
  resultMailFor,
  waitForStatus,
} from '../support/complaint-loop';
import {
  answerLinkIn,
  formFieldsIn,
  progressLinkIn,
  progressPathOf,
} from '../support/complaint-links';
import { advanceClock, postForm } from '../support/surveys';

/**
 * The complaint loop as the standards close it: the result reaches the customer, who confirms it
 * solved their problem (closing it) or says it did not (reopening it), by link or by reply;
 * silence closes it after the policy's days; the customer follows it on a progress page.
 */
interface BusEvent {
  id: string;
  'detail-type': string;
  detail: { eventId: string; data: Record<string, unknown> };
}

let admin: string;

const eventsOf = async (type: string, complaintId: string) =>
  (await api<{ items: BusEvent[] }>('/_local/events')).body.items.filter(
    (event) => event['detail-type'] === type && event.detail.data.complaintId === complaintId,
  );

const page = async (path: string) => {
  const response = await fetch(`${stack.urls.api}${path}`);
  return { status: response.status, html: await response.text() };
};

const staffEmail = async (staffId: string) => {
  const { body } = await api<{ items: { id: string; email: string }[] }>(
    '/staff?department=customer-service',
    { token: admin },
  );
  return body.items.find((member) => member.id === staffId)?.email;
};

const get = getComplaint;
const waitFor = waitForStatus;
const resolve = resolveComplaint;

beforeAll(async () => {
  admin = await loopAdmin();
});

describe('the progress page', () => {
  let complaint: Complaint;
  let link: string;
  let email: string;

  it('is linked from the receipt and shows the number, the status and the promised date', async () => {
    const filed = await fileAssigned();
    complaint = filed.complaint;
    email = filed.email;
    link = progressLinkIn(filed.receipt);
    const shown = await page(link);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<html lang="zh-CN">');
    expect(shown.html).toContain(complaint.number);
    expect(shown.html).toContain('已有专人负责，正在处理');
    expect(shown.html).toContain('我们承诺的答复时间');
    expect(shown.html).not.toContain('<script');
  });

  it('tells the customer once that a person took the complaint', async () => {
    const update = await mailTo(
      email,
      (mail) => mail.subject.includes('已有专人负责'),
      'the assigned update',
    );
    expect(progressLinkIn(update)).toMatch(/^\/c\//);
  });

  it('answers a tampered or unknown link like any unknown link, and shows nothing of it', async () => {
    const token = progressPathOf(link).slice(3);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const path of [`/c/${tampered}`, `/c/${'x'.repeat(40)}`]) {
      const shown = await page(path);
      expect(shown.status).toBe(404);
      expect(shown.html).not.toContain(complaint.number);
    }
  });

  it('takes a message: on the timeline once, the owner told, however often the form is sent', async () => {
    const shown = await page(link);
    const messageId = formFieldsIn(shown.html, 'messageId')!;
    expect(messageId).toMatch(/^[0-9A-Z]{26}$/);
    for (let attempt = 0; attempt < 2; attempt++) {
      const sent = await postForm(`${progressPathOf(link)}/messages`, {
        messageId,
        message: '维修师傅明天几点到？',
      });
      expect(sent.status).toBe(200);
      expect(await sent.text()).toContain('您的留言已收到');
    }
    const current = await get(complaint.id);
    const messages = current.timeline.filter((entry) => entry.action === 'customer_replied');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      note: '维修师傅明天几点到？',
      actor: `customer:${complaint.customerId}`,
    });
    const owner = await staffEmail(current.ownerId!);
    await mailTo(
      owner!,
      (mail) => (mail.body.text ?? '').includes('维修师傅明天几点到？'),
      'the owner notice',
    );
    expect((await page(link)).html).toContain('维修师傅明天几点到？');
  });

  it('refuses an empty message with the reason and records nothing', async () => {
    const before = (await get(complaint.id)).timeline.length;
    const shown = await page(link);
    const refused = await postForm(`${progressPathOf(link)}/messages`, {
      messageId: formFieldsIn(shown.html, 'messageId')!,
      message: '   ',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请先写下留言内容');
    expect((await get(complaint.id)).timeline).toHaveLength(before);
  });

  it('ends a wait on the customer when they write', async () => {
    await api(`/complaints/${complaint.id}/responses`, {
      token: admin,
      body: { message: '请提供维修单号。' },
    });
    await api(`/complaints/${complaint.id}/await-customer`, { token: admin, body: {} });
    expect((await get(complaint.id)).status).toBe('waiting_on_customer');
    const shown = await page(link);
    expect(shown.html).toContain('请提供维修单号。');
    expect(shown.html).toContain('等待您的回复');
    await postForm(`${progressPathOf(link)}/messages`, {
      messageId: formFieldsIn(shown.html, 'messageId')!,
      message: '维修单号 WX-88',
    });
    expect((await get(complaint.id)).status).toBe('in_progress');
  });
});

describe('the result, confirmed by the customer', () => {
  let complaint: Complaint;
  let email: string;

  it('is emailed with a solved and a not-solved link that record nothing when opened', async () => {
    const filed = await fileAssigned();
    email = filed.email;
    const resolved = await resolve(filed.complaint.id, {
      plan: '更换密封圈（工单 88）',
      messageToCustomer: '我们已为您更换了密封圈，并检查了排水管。',
      customerAgreed: true,
    });
    expect(resolved.confirmation?.autoCloseAt).toBeDefined();
    const result = await resultMailFor(email, resolved.number, resolved.resolution!.resolvedAt);
    expect(result.body.text).toContain('我们已为您更换了密封圈');
    expect(result.body.text).not.toContain('工单 88');
    expect(result.body.text).toContain('7 天内');
    const solved = await page(answerLinkIn(result, 'solved'));
    expect(solved.status).toBe(200);
    expect(solved.html).toMatch(/value="solved" required checked/);
    await page(answerLinkIn(result, 'not_solved'));
    complaint = await get(filed.complaint.id);
    expect(complaint.status).toBe('resolved');
  });

  it('reopens to its owner with the customer’s words when not solved', async () => {
    const shown = await page(
      answerLinkIn(
        await resultMailFor(email, complaint.number, complaint.resolution!.resolvedAt),
        'not_solved',
      ),
    );
    const answered = await postForm(
      `${progressPathOf(
        progressLinkIn(
          await resultMailFor(email, complaint.number, complaint.resolution!.resolvedAt),
        ),
      )}/resolution`,
      {
        answer: 'not_solved',
        round: formFieldsIn(shown.html, 'round')!,
        words: '还是漏水',
      },
    );
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('我们会继续处理');
    const reopened = await get(complaint.id);
    expect(reopened).toMatchObject({
      status: 'reopened',
      ownerId: complaint.ownerId,
      confirmation: { answer: 'not_solved', via: 'link' },
    });
    expect(reopened.timeline.at(-1)).toMatchObject({ action: 'reopen', note: '还是漏水' });
    await mailTo(email, (mail) => mail.subject.includes('已重新处理'), 'the reopened update');
  });

  it('refuses an answer to the earlier result once there is a new one, then closes on solved — once', async () => {
    const earlier = complaint.resolution!.resolvedAt;
    await api(`/complaints/${complaint.id}/responses`, {
      token: admin,
      body: { message: '师傅今天下午上门复查。' },
    });
    const second = await resolve(complaint.id, { plan: '更换进水阀', customerAgreed: true });
    const result = await resultMailFor(email, second.number, second.resolution!.resolvedAt);
    const path = `${progressPathOf(answerLinkIn(result, 'solved'))}/resolution`;
    const stale = await postForm(path, { answer: 'solved', round: earlier });
    expect(stale.status).toBe(409);
    expect((await get(complaint.id)).status).toBe('resolved');
    for (let attempt = 0; attempt < 2; attempt++) {
      const answered = await postForm(path, {
        answer: 'solved',
        round: second.resolution!.resolvedAt,
      });
      expect(answered.status).toBe(200);
      expect(await answered.text()).toContain('感谢您的确认');
    }
    const closed = await get(complaint.id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'customer' });
    expect(closed.timeline.filter((entry) => entry.action === 'close')).toHaveLength(1);
  });

  it('starts exactly one after-case survey and one post-complaint revisit', async () => {
    const planned = await eventually(async () => {
      const events = await eventsOf('RevisitPlanned', complaint.id);
      const byCustomer = (await api<{ items: BusEvent[] }>('/_local/events')).body.items.filter(
        (event) =>
          event['detail-type'] === 'RevisitPlanned' &&
          event.detail.data.customerId === complaint.customerId,
      );
      return byCustomer.length > 0 ? [...events, ...byCustomer] : undefined;
    }, 'the post-complaint revisit');
    const surveys = await eventually(async () => {
      const { body } = await api<{ items: { about?: { id: string } }[] }>(
        `/customers/${complaint.customerId}/surveys`,
        { token: admin },
      );
      return body.items.length > 0 ? body.items : undefined;
    }, 'the after-case survey');
    expect(surveys.filter((survey) => survey.about?.id === complaint.id)).toHaveLength(1);
    expect(new Set(planned.map((event) => event.detail.data.revisitId)).size).toBe(1);
    expect(await eventsOf('ComplaintClosed', complaint.id)).toHaveLength(1);
    expect(await eventsOf('ComplaintResolutionConfirmed', complaint.id)).toHaveLength(2);
  });
});

describe('a reply to the result email', () => {
  const reply = async (from: string, number: string, text: string) => {
    const raw = [
      `From: <${from}>`,
      'To: complaints@kefu.local',
      `Subject: =?UTF-8?B?${Buffer.from(`回复：【处理结果】您的投诉 ${number} 已处理，请确认`).toString('base64')}?=`,
      `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@mail.example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`${text}\n\n> 请告诉我们问题是否已经解决：已解决 / 未解决`).toString('base64'),
      '',
    ].join('\r\n');
    const response = await fetch(`${stack.urls.api}/_local/inbound-email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    expect(response.status).toBe(202);
  };

  it('reopens on 未解决 and closes on 已解决, with the words on the timeline', async () => {
    const { complaint, email } = await fileAssigned();
    await resolve(complaint.id, { plan: '已更换配件', customerAgreed: true });
    await reply(email, complaint.number, '未解决，今天又漏了');
    const reopened = await waitFor(complaint.id, 'reopened');
    expect(reopened.confirmation).toMatchObject({ answer: 'not_solved', via: 'reply' });
    expect(reopened.timeline.at(-1)?.note).toContain('未解决，今天又漏了');
    await resolve(complaint.id, { plan: '整机更换', customerAgreed: true });
    await reply(email, complaint.number, '已解决，谢谢');
    const closed = await waitFor(complaint.id, 'closed');
    expect(closed.closedBy).toBe('customer');
  });

  it('leaves a reply it cannot read for a person, and changes nothing', async () => {
    const { complaint, email } = await fileAssigned();
    await resolve(complaint.id, { plan: '已退款', customerAgreed: true });
    await reply(email, complaint.number, '退款什么时候到账？');
    const current = await eventually(async () => {
      const read = await get(complaint.id);
      return read.timeline.some((entry) => entry.action === 'customer_replied') ? read : undefined;
    }, 'the reply on the timeline');
    expect(current.status).toBe('resolved');
    expect(current.confirmation?.answer).toBeUndefined();
  });
});

describe('silence', () => {
  it('closes a resolved complaint after 7 days, once, however often the sweep runs', async () => {
    const agreed = await fileAssigned();
    const disagreed = await fileAssigned('en');
    await resolve(agreed.complaint.id, { plan: '已更换', customerAgreed: true });
    await resolve(disagreed.complaint.id, { plan: 'Refund offered', customerAgreed: false });
    const englishResult = await resultMailFor(
      disagreed.email,
      disagreed.complaint.number,
      (await get(disagreed.complaint.id)).resolution!.resolvedAt,
    );
    expect(englishResult.subject).toContain('has been handled');
    expect(englishResult.body.text).not.toContain('within');
    await advanceClock(24 * 6);
    await api('/_local/schedules/complaint-auto-close/run', { method: 'POST' });
    expect((await get(agreed.complaint.id)).status).toBe('resolved');
    await advanceClock(25);
    await Promise.all([
      api('/_local/schedules/complaint-auto-close/run', { method: 'POST' }),
      api('/_local/schedules/complaint-auto-close/run', { method: 'POST' }),
    ]);
    await api('/_local/schedules/complaint-auto-close/run', { method: 'POST' });
    const closed = await get(agreed.complaint.id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'auto' });
    expect(closed.timeline.filter((entry) => entry.action === 'close')).toHaveLength(1);
    await eventually(
      async () =>
        (await eventsOf('ComplaintAutoClosed', agreed.complaint.id)).length > 0 ? true : undefined,
      'ComplaintAutoClosed',
    );
    expect(await eventsOf('ComplaintAutoClosed', agreed.complaint.id)).toHaveLength(1);
    expect((await get(disagreed.complaint.id)).status).toBe('resolved');
  });
});
