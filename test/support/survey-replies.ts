import { readFileSync } from 'node:fs';

const FIXTURES = new URL('./fixtures/survey-replies/', import.meta.url);

/**
 * A raw survey reply as a mail client sent it (`fixtures/survey-replies/<name>.eml`), to `replyTo`
 * from `from`. Read as latin1, so GBK and GB2312 bytes pass through the substitution unchanged.
 */
export const surveyReplyFixture = (name: string, replyTo: string, from: string): Buffer =>
  Buffer.from(
    readFileSync(new URL(`${name.replace(/\.eml$/, '')}.eml`, FIXTURES), 'latin1')
      .replaceAll('{{REPLY_TO}}', replyTo)
      .replaceAll('{{FROM}}', from),
    'latin1',
  );
