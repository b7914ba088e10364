import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, emailsTo, eventually, stack, tokenFor, uniqueContact } from '../support/harness';

interface Complaint {
  id: string;
  number: string;
  status: string;
  channel: string;
  customerId: string;
  subject: string;
  description: string;
  timeline: { action: string; note?: string }[];
}

const encodeWord = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

const eml = (options: { from?: string; subject: string; text: string; messageId?: string }) =>
  [
    ...(options.from ? [`From: ${encodeWord('王芳')} <${options.from}>`] : []),
    'To: complaints@kefu.local',
    `Subject: ${encodeWord(options.subject)}`,
    `Message-ID: <${options.messageId ?? `${Date.now()}.${Math.random().toString(36).slice(2)}`}@mail.example.com>`,
    'Date: Mon, 23 Nov 2026 09:30:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(options.text).toString('base64'),
    '',
  ].join('\r\n');

const deliver = async (raw: string) => {
  const response = await fetch(`${stack.urls.api}/_local/inbound-email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  expect(response.status).toBe(202);
  const [delivery] = (await response.json()) as {
    result: { outcome: string; complaintId?: string }[];
  }[];
  return delivery?.result[0] ?? { outcome: 'none' };
};

let admin: string;
let reader: string;
const get = async (id: string) =>
  (await api<Complaint>(`/complaints/${id}`, { token: admin })).body;

interface Contact {
  channel: string;
  need: string;
  result?: string;
  recordedBy: string;
  regarding?: { type: string; id: string };
}
const contactsOf = async (customerId: string) =>
  (await api<{ items: Contact[] }>(`/customers/${customerId}/interactions`, { token: reader })).body
    .items;

/** ＫＦ－２０２６… : the full-width forms Chinese input methods type. */
const fullWidth = (text: string) =>
  [...text]
    .map((char) =>
      /[!-~]/.test(char) ? String.fromCharCode(char.charCodeAt(0) - 0x21 + 0xff01) : char,
    )
    .join('');

beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write'], { role: 'admin' });
  reader = await tokenFor(['customers:read']);
  await api('/departments/customer-service', {
    method: 'PUT',
    token: admin,
    body: { name: '客服部' },
  });
  await api('/routing-rules', { method: 'PUT', token: admin, body: { rules: [] } });
});

describe('email to the complaints address', () => {
  let complaint: Complaint;
  let sender: string;

  it('becomes a complaint on the email channel from a new customer, acknowledged in Chinese', async () => {
    sender = uniqueContact().email;
    const result = await deliver(
      eml({ from: sender, subject: '发票开错了', text: '你好，上周的发票抬头开错了，请重开。' }),
    );
    expect(result.outcome).toBe('filed');
    complaint = await get(result.complaintId ?? '');
    expect(complaint).toMatchObject({ channel: 'email', subject: '发票开错了' });
    expect(complaint.description).toContain('发票抬头开错了');
    const ack = await eventually(async () => (await emailsTo(sender))[0], 'the acknowledgement');
    expect(ack.subject).toContain(complaint.number);
    expect(ack.subject).toContain('受理回执');
  });

  it('files nothing twice when the same message is delivered again', async () => {
    const raw = eml({
      from: uniqueContact().email,
      subject: '重复投递',
      text: '同一封邮件',
      messageId: `dup-${Date.now()}`,
    });
    const first = await deliver(raw);
    const second = await deliver(raw);
    expect(first.outcome).toBe('filed');
    expect(second.outcome).toBe('already-processed');
  });

  it('adds a reply in the thread to the timeline, without the quoted text, and opens nothing new', async () => {
    const reply = [
      '补充：正确抬头是“上海某某有限公司”。',
      '',
      `在 2026年11月23日 写道：`,
      '> 我们已收到您的投诉',
    ].join('\n');
    const result = await deliver(
      eml({
        from: sender,
        subject: `Re: 【受理回执】您的投诉已受理（编号 ${complaint.number}）`,
        text: reply,
      }),
    );
    expect(result).toEqual({ outcome: 'added-to-thread', complaintId: complaint.id });
    const replied = (await get(complaint.id)).timeline.find(
      (entry) => entry.action === 'customer_replied',
    );
    expect(replied?.note).toBe('补充：正确抬头是“上海某某有限公司”。');
  });

  it('records the email that opened the complaint as a contact, in the same write', async () => {
    expect(await contactsOf(complaint.customerId)).toContainEqual(
      expect.objectContaining({
        channel: 'email',
        need: '发票开错了',
        result: `complaint ${complaint.number} filed`,
        recordedBy: 'inbound-mail',
        regarding: { type: 'complaint', id: complaint.id },
      }),
    );
  });

  it('threads a reply whose number was retyped full-width, and records it as a contact once', async () => {
    const raw = eml({
      from: sender,
      subject: `回复：编号${fullWidth(complaint.number)}`,
      text: '发票寄到公司地址。',
      messageId: `fw-${Date.now()}`,
    });
    expect(await deliver(raw)).toEqual({ outcome: 'added-to-thread', complaintId: complaint.id });
    expect(await deliver(raw)).toEqual({ outcome: 'already-processed' });
    const notes = (await get(complaint.id)).timeline.map((entry) => entry.note);
    expect(notes.filter((note) => note === '发票寄到公司地址。')).toHaveLength(1);
    const joined = (await contactsOf(complaint.customerId)).filter(
      (contact) => contact.need === `编号${fullWidth(complaint.number)}`,
    );
    expect(joined).toEqual([
      expect.objectContaining({
        channel: 'email',
        result: `added to complaint ${complaint.number}`,
        regarding: { type: 'complaint', id: complaint.id },
      }),
    ]);
  });

  it("does not let another sender write into someone else's thread, nor learn anything of it", async () => {
    const stranger = uniqueContact().email;
    const before = await get(complaint.id);
    const contactsBefore = await contactsOf(complaint.customerId);
    const result = await deliver(
      eml({
        from: stranger,
        subject: `Re: ${fullWidth(complaint.number)}`,
        text: '我也有问题',
      }),
    );
    expect(result.outcome).toBe('filed');
    expect(result.complaintId).not.toBe(complaint.id);
    const after = await get(complaint.id);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.status).toBe(before.status);
    expect(await contactsOf(complaint.customerId)).toEqual(contactsBefore);
    // The stranger's own complaint and acknowledgement say nothing of the other one.
    const theirs = await get(result.complaintId ?? '');
    expect(theirs.customerId).not.toBe(complaint.customerId);
    const ack = await eventually(
      async () => (await emailsTo(stranger))[0],
      'their acknowledgement',
    );
    const told = `${ack.subject}\n${ack.body.text ?? ''}\n${ack.body.html ?? ''}`;
    expect(told).toContain(theirs.number);
    for (const secret of [complaint.id, complaint.subject, '发票抬头', sender]) {
      expect(told).not.toContain(secret);
    }
    expect(await contactsOf(theirs.customerId)).toEqual([
      expect.objectContaining({
        result: `complaint ${theirs.number} filed`,
        regarding: { type: 'complaint', id: theirs.id },
      }),
    ]);
  });

  it('resumes a complaint that was waiting on the customer when they reply', async () => {
    const agent = await tokenFor(['complaints:write', 'complaints:read'], {
      role: 'admin',
      subject: 'agent-x',
    });
    await eventually(
      async () => ((await get(complaint.id)).status !== 'received' ? true : undefined),
      'routing',
    );
    const staffId = `cs-${Date.now().toString(36)}`;
    await api(`/staff/${staffId}`, {
      method: 'PUT',
      token: admin,
      body: {
        name: 'CS',
        email: `${staffId}@staff.example.com`,
        department: 'customer-service',
        role: 'agent',
        onDuty: true,
      },
    });
    const current = await get(complaint.id);
    if (current.status === 'routed')
      await api(`/complaints/${complaint.id}/assign`, { token: agent, body: { ownerId: staffId } });
    await api(`/complaints/${complaint.id}/responses`, {
      token: agent,
      body: { message: '请提供正确的抬头' },
    });
    await api(`/complaints/${complaint.id}/await-customer`, { token: agent, body: {} });
    expect((await get(complaint.id)).status).toBe('waiting_on_customer');
    await deliver(
      eml({ from: sender, subject: `回复：${complaint.number}`, text: '抬头：上海某某有限公司' }),
    );
    expect((await get(complaint.id)).status).toBe('in_progress');
  });

  it('drops a message without a sender, and refuses a non-email body', async () => {
    expect(await deliver(eml({ subject: 'no sender', text: 'x' }))).toMatchObject({
      outcome: 'ignored',
    });
    const response = await fetch(`${stack.urls.api}/_local/inbound-email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(415);
  });

  it('is what npm run inbound does with a .eml file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-eml-'));
    const file = join(dir, 'complaint.eml');
    writeFileSync(
      file,
      eml({
        from: uniqueContact().email,
        subject: 'Parcel never arrived',
        text: 'Order A-77 is lost.',
      }),
    );
    const port = new URL(stack.urls.api).port;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'infra/local/tools/deliver-inbound-mail.ts', file],
      {
        env: { ...process.env, KEFU_API_PORT: port },
        timeout: 30_000,
      },
    );
    expect(stdout).toContain('"outcome":"filed"');
    await expect(
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'infra/local/tools/deliver-inbound-mail.ts', join(dir, 'missing.eml')],
        {
          env: { ...process.env, KEFU_API_PORT: port },
          timeout: 30_000,
        },
      ),
    ).rejects.toMatchObject({ code: 2 });
  });
});
