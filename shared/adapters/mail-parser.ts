import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { normalizeEmail } from '../domain/customers/contact';
import type { InboundMessage } from '../domain/mail/inbound-message';

/** Raw messages larger than this are not complaints but attachments; they are refused. */
export const MAX_RAW_MAIL_BYTES = 10 * 1024 * 1024;

export class UnreadableMail extends Error {
  override name = 'UnreadableMail';
}

/** MIME → what Kefu needs; the Message-ID (or a hash of the raw bytes) identifies it. */
export const parseMail = async (raw: Buffer, receivedAt: Date): Promise<InboundMessage> => {
  if (raw.byteLength > MAX_RAW_MAIL_BYTES) throw new UnreadableMail('message too large');
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true });
  const from = parsed.from?.value[0];
  if (!from?.address) throw new UnreadableMail('no sender address');
  return {
    messageId: parsed.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    fromAddress: normalizeEmail(from.address),
    fromName: from.name || undefined,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    receivedAt: (parsed.date ?? receivedAt).toISOString(),
    attachmentNames: parsed.attachments.map((attachment) => attachment.filename ?? 'attachment'),
  };
};
