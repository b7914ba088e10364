import { createHash } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { normalizeEmail } from '../domain/customers/contact';
import * as z from '../zod';
import type { InboundMessage } from './inbound-message';

/** Raw messages larger than this are not complaints but attachments; they are refused. */
export const MAX_RAW_MAIL_BYTES = 10 * 1024 * 1024;

export class UnreadableMail extends Error {
  override name = 'UnreadableMail';
}

const OPTIONS = { skipHtmlToText: false, skipTextToHtml: true } as const;

/**
 * The text of a message without a text/plain part. mailparser converts the HTML itself only when
 * the HTML is the whole message; HTML with attachments or inline images (multipart/mixed or
 * multipart/related) comes back without text. That HTML is converted the same way, by handing it
 * to mailparser as a message of its own, without the inline images mailparser has already turned
 * into data: URIs (the converter would write them out as text). Either way quoted `<blockquote>`s
 * become `> ` lines, which newTextOfReply leaves out.
 */
const textOfHtml = async (html: string): Promise<string> => {
  const withoutInlineImages = html.replace(/\ssrc\s*=\s*(["'])data:[^"']*\1/gi, '');
  const alone = Buffer.from(
    `Content-Type: text/html; charset=utf-8\r\n\r\n${withoutInlineImages}`,
    'utf8',
  );
  return (await simpleParser(alone, OPTIONS)).text ?? '';
};

/** A sender Kefu could write back to, by the same rule as addresses given to the API. */
const SENDER = z.email().check(z.maxLength(254));

/** MIME → what Kefu needs; the Message-ID (or a hash of the raw bytes) identifies it. */
export const parseMail = async (raw: Buffer, receivedAt: Date): Promise<InboundMessage> => {
  if (raw.byteLength > MAX_RAW_MAIL_BYTES) throw new UnreadableMail('message too large');
  const parsed = await simpleParser(raw, OPTIONS);
  const from = parsed.from?.value[0];
  if (!from?.address || !SENDER.safeParse(from.address).success) {
    throw new UnreadableMail('no valid sender address');
  }
  const text =
    !parsed.text?.trim() && typeof parsed.html === 'string'
      ? await textOfHtml(parsed.html)
      : (parsed.text ?? '');
  return {
    messageId: parsed.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    fromAddress: normalizeEmail(from.address),
    fromName: from.name || undefined,
    recipients: addressesIn(parsed),
    subject: parsed.subject ?? '',
    text,
    receivedAt: (parsed.date ?? receivedAt).toISOString(),
    attachmentNames: parsed.attachments.map((attachment) => attachment.filename ?? 'attachment'),
    headers: headersOf(parsed),
  };
};

/** The raw header lines ("Name: value", possibly folded) as unfolded values by lower-case name. */
const headersOf = (parsed: ParsedMail): Record<string, string> => {
  const headers = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const earlier = headers.get(key);
    headers.set(key, earlier === undefined ? value : `${earlier}, ${value}`);
  }
  return Object.fromEntries(headers);
};

const addressesIn = (parsed: ParsedMail): string[] =>
  [parsed.to, parsed.cc]
    .flatMap((field) => (Array.isArray(field) ? field : field ? [field] : []))
    .flatMap((group) => group.value)
    .flatMap((address) => (address.address ? [normalizeEmail(address.address)] : []));

/** The To and Cc addresses of a raw message, however malformed the rest of it is. */
export const recipientsOf = async (raw: Buffer): Promise<string[]> => {
  try {
    return addressesIn(await simpleParser(raw.subarray(0, MAX_RAW_MAIL_BYTES)));
  } catch {
    return [];
  }
};
