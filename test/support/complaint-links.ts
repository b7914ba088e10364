import type { SentEmail } from './harness';

/** Every complaint-page link of an email (`/c/<token>[?answer=…&round=…]`), as paths. */
const complaintLinksIn = (email: SentEmail): string[] =>
  [...(email.body.text ?? '').matchAll(/https?:\/\/[^/\s]+(\/c\/[^\s]+)/g)].map(
    (match) => match[1]!,
  );

/** The progress link of a receipt or status email (the one without an answer). */
export const progressLinkIn = (email: SentEmail): string => {
  const link = complaintLinksIn(email).find((path) => !path.includes('?'));
  if (!link) throw new Error(`no progress link in ${email.body.text}`);
  return link;
};

/** The "solved" or "not solved" link of a result email. */
export const answerLinkIn = (email: SentEmail, answer: 'solved' | 'not_solved'): string => {
  const link = complaintLinksIn(email).find((path) => path.includes(`answer=${answer}&`));
  if (!link) throw new Error(`no ${answer} link in ${email.body.text}`);
  return link;
};

/** `/c/<token>` of any complaint link. */
export const progressPathOf = (link: string): string => link.replace(/\?.*$/, '');

/** The hidden and preselected fields of the page's forms, as a browser would send them. */
export const formFieldsIn = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replaceAll('&#39;', "'");
