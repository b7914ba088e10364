import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { blindIndex } from '../privacy/blind-index';
import { documentClient, tableName } from './document-client';
import { countInWindow } from './window-counter';

/**
 * Unknown survey links one address may open per window before it is told to wait
 * (`SURVEY_LINK_GUESS_LIMIT`, default 20).
 */
const guessLimit = () => {
  const configured = Number(process.env.SURVEY_LINK_GUESS_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 20;
};
export const GUESS_WINDOW_SECONDS = 15 * 60;

/** Addresses are personal data: only their blind index is kept, and only for the window. */
const addressKey = async (address: string, windowStart: number) => ({
  pk: `GUESSES#${await blindIndex('source-ip', address)}`,
  sk: `WINDOW#${windowStart}`,
});

const windowOf = (now: number) =>
  Math.floor(now / 1000 / GUESS_WINDOW_SECONDS) * GUESS_WINDOW_SECONDS;

/**
 * Counts the unknown or forged survey links each source address opens in fixed 15-minute windows
 * (one atomic ADD per failure), so that guessing tokens meets a 429 long before it could succeed.
 */
export class DynamoGuessLimiter {
  constructor(private readonly table: string = tableName()) {}

  /** Seconds until the address may try again, or 0 when it may now. */
  async retryAfter(address: string, now = Date.now()): Promise<number> {
    const start = windowOf(now);
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: await addressKey(address, start) }),
    );
    return Number(Item?.hits ?? 0) >= guessLimit()
      ? start + GUESS_WINDOW_SECONDS - Math.floor(now / 1000)
      : 0;
  }

  async noteFailure(address: string, now = Date.now()): Promise<void> {
    const start = windowOf(now);
    await countInWindow(
      this.table,
      await addressKey(address, start),
      'GuessCounter',
      start + 2 * GUESS_WINDOW_SECONDS,
    );
  }
}
