import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, expectCleanProblem, newCustomer, tokenFor } from '../support/harness';

interface Complaint {
  id: string;
  number: string;
  status: string;
  department?: string;
  customerId: string;
  subject: string;
}
interface Page {
  items: Complaint[];
  nextCursor?: string;
}

/** ＫＦ－２０２６… : the full-width forms Chinese input methods type. */
const fullWidth = (text: string) =>
  [...text]
    .map((char) =>
      /[!-~]/.test(char) ? String.fromCharCode(char.charCodeAt(0) - 0x21 + 0xff01) : char,
    )
    .join('');

const byNumber = (number: string, token: string, extra = '') =>
  api<Page>(`/complaints?number=${encodeURIComponent(number)}${extra}`, { token });

let admin: string;
let logisticsAgent: string;
let salesAgent: string;
let complaint: Complaint;

beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write', 'audit:read'], {
    role: 'admin',
    subject: 'lookup-admin',
  });
  logisticsAgent = await tokenFor(['complaints:read'], {
    role: 'staff',
    department: 'logistics',
    subject: 'lookup-logistics',
  });
  salesAgent = await tokenFor(['complaints:read'], {
    role: 'staff',
    department: 'sales',
    subject: 'lookup-sales',
  });
  for (const department of ['logistics', 'sales']) {
    await api(`/departments/${department}`, {
      method: 'PUT',
      token: admin,
      body: { name: department },
    });
  }
  await api('/routing-rules', {
    method: 'PUT',
    token: admin,
    body: {
      rules: [
        {
          id: 'delivery',
          when: { keywords: ['快递'] },
          then: { department: 'logistics', category: 'delivery' },
        },
      ],
    },
  });
  const filed = await api<Complaint>('/complaints', {
    token: admin,
    body: {
      customer: newCustomer(),
      channel: 'phone',
      subject: '快递丢了',
      description: '客户来电：快递一周未到。',
    },
  });
  expect(filed.status).toBe(201);
  complaint = await eventually(async () => {
    const { body } = await api<Complaint>(`/complaints/${filed.body.id}`, { token: admin });
    return body.department ? body : undefined;
  }, 'routing');
});

describe('GET /complaints?number=', () => {
  it('finds the complaint by the number as stored, in lower case with spaces, and full-width with other dashes', async () => {
    const [, date = '', suffix = ''] = /^KF-(\d{8})-(\w{6})$/.exec(complaint.number)!;
    const spellings = [
      complaint.number,
      ` kf ${date} ${suffix.toLowerCase()} `,
      fullWidth(`KF-${date}-${suffix}`),
      `KF\u2014${date}\u2013${suffix}`,
    ];
    for (const spelling of spellings) {
      const response = await byNumber(spelling, admin);
      expect(response.status, spelling).toBe(200);
      expect(response.body.items.map((item) => item.id)).toEqual([complaint.id]);
      expect(response.body.nextCursor).toBeUndefined();
    }
  });

  it('shows it to staff of its department, and to another department an empty list', async () => {
    const own = await byNumber(complaint.number, logisticsAgent);
    expect(own.body.items.map((item) => item.id)).toEqual([complaint.id]);
    const other = await byNumber(complaint.number, salesAgent);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    expect(other.text).not.toContain(complaint.id);
    expect(other.text).not.toContain('快递');
    expectCleanProblem(
      await byNumber(complaint.number, salesAgent, '&department=logistics'),
      422,
      'rule-violated',
    );
  });

  it('applies the other criteria to the one complaint', async () => {
    // Its status now: routing is followed by assignment (or a warning) in the background, so the
    // status may move between the two requests; ask again until both see the same one.
    const matching = await eventually(async () => {
      const { body: current } = await api<Complaint>(`/complaints/${complaint.id}`, {
        token: admin,
      });
      const { items } = (await byNumber(complaint.number, admin, `&status=${current.status}`)).body;
      return items.length > 0 ? items : undefined;
    }, 'the number index to show the current status');
    expect(matching.map((item) => item.id)).toEqual([complaint.id]);
    expect((await byNumber(complaint.number, admin, '&status=closed')).body.items).toEqual([]);
    expect((await byNumber(complaint.number, admin, '&department=sales')).body.items).toEqual([]);
  });

  it('answers an unknown but well-formed number with an empty list', async () => {
    const unknown = complaint.number.replace(/.{6}$/, 'ZZZZZZ');
    const response = await byNumber(unknown, admin);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });

  it.each([
    ['another prefix', 'KX-20261203-7QK2MZ'],
    ['a short suffix', 'KF-20261203-7QK2'],
    ['month 13', 'KF-20261303-7QK2MZ'],
    ['a letter outside base32', 'KF-20261203-7QK2MU'],
    ['an id', '01KZ0000000000000000000K01'],
    ['empty', ''],
    ['a long text', `KF-${'9'.repeat(200)}`],
  ])('refuses %s with a 400 naming the parameter', async (_label, number) => {
    const response = await byNumber(number, admin);
    expectCleanProblem(response, 400, 'validation-failed');
    expect((response.body as { errors?: { parameter?: string }[] }).errors?.[0]?.parameter).toBe(
      'number',
    );
    expect(response.text).not.toContain(number || '\u0000');
  });

  it('takes no cursor (the answer is one page)', async () => {
    expectCleanProblem(
      await byNumber(complaint.number, admin, '&cursor=abc'),
      400,
      'invalid-cursor',
    );
  });

  it('is in the access log of the customer whose complaint it opened', async () => {
    await byNumber(complaint.number, admin);
    const log = await api<{ items: { operationId: string; action: string }[] }>(
      `/customers/${complaint.customerId}/access-log`,
      { token: admin },
    );
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ operationId: 'listComplaints', action: 'read' }),
    );
  });
});
