import { expect } from 'vitest';
import { api, emailsTo, eventually, newCustomer, type SentEmail, tokenFor } from './harness';

/** A complaint as the loop's tests read it from GET /complaints/{id}. */
export interface LoopComplaint {
  id: string;
  number: string;
  status: string;
  customerId: string;
  ownerId?: string;
  closedBy?: string;
  confirmation?: { round: string; autoCloseAt?: string; answer?: string; via?: string };
  resolution?: { resolvedAt: string };
  timeline: { id: string; action: string; actor: string; note?: string }[];
}

let admin: string | undefined;

/**
 * The admin token of the loop's tests, once the customer-service department has an on-duty agent
 * and no routing rule sends complaints elsewhere (so every complaint is assigned there).
 */
export const loopAdmin = async (): Promise<string> => {
  if (admin) return admin;
  const token = await tokenFor(
    ['admin', 'complaints:read', 'complaints:write', 'customers:read', 'surveys:read'],
    { role: 'admin', subject: 'loop-admin' },
  );
  await api('/departments/customer-service', { method: 'PUT', token, body: { name: '客服部' } });
  const agent = `loop-agent-${Date.now().toString(36)}`;
  await api(`/staff/${agent}`, {
    method: 'PUT',
    token,
    body: {
      name: '周敏',
      email: `${agent}@staff.example.com`,
      department: 'customer-service',
      role: 'agent',
      onDuty: true,
    },
  });
  await api('/routing-rules', { method: 'PUT', token, body: { rules: [] } });
  admin = token;
  return token;
};

export const getComplaint = async (id: string): Promise<LoopComplaint> =>
  (await api<LoopComplaint>(`/complaints/${id}`, { token: await loopAdmin() })).body;

export const waitForStatus = (id: string, status: string): Promise<LoopComplaint> =>
  eventually(async () => {
    const complaint = await getComplaint(id);
    return complaint.status === status ? complaint : undefined;
  }, `complaint ${id} to be ${status}`);

export const mailTo = (
  address: string,
  matches: (mail: SentEmail) => boolean,
  what: string,
): Promise<SentEmail> => eventually(async () => (await emailsTo(address)).find(matches), what);

/** Files a complaint by email-channel intake and waits for a person to own it and the receipt. */
export const fileAssigned = async (language = 'zh-CN') => {
  const customer = newCustomer({ preferredLanguage: language });
  const filed = await api<LoopComplaint>('/complaints', {
    token: await loopAdmin(),
    body: {
      customer,
      channel: 'email',
      subject: '洗衣机维修后仍漏水',
      description: '上周维修过，今天又开始漏水。',
    },
  });
  expect(filed.status).toBe(201);
  const complaint = await waitForStatus(filed.body.id, 'assigned');
  const receipt = await mailTo(
    String(customer.email),
    (mail) => mail.subject.includes(complaint.number) && /受理|received/.test(mail.subject),
    'the receipt',
  );
  return { complaint, email: String(customer.email), receipt };
};

export const resolveComplaint = async (
  id: string,
  body: Record<string, unknown>,
): Promise<LoopComplaint> => {
  const resolved = await api<LoopComplaint>(`/complaints/${id}/resolve`, {
    token: await loopAdmin(),
    body,
  });
  expect(resolved.status).toBe(200);
  return resolved.body;
};

/** The result email of the resolution `round` (its links carry the round). */
export const resultMailFor = (email: string, number: string, round: string): Promise<SentEmail> =>
  mailTo(
    email,
    (mail) =>
      /处理结果|has been handled/.test(mail.subject) &&
      mail.subject.includes(number) &&
      (mail.body.text ?? '').includes(encodeURIComponent(round)),
    'the result email',
  );
