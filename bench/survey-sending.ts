/**
 * Survey sending: the achieved send rate of a campaign over BENCH_SURVEY_CUSTOMERS (20 000)
 * customers divided by the configured SES rate (`/survey-settings`, `sendRatePerSecond`).
 *
 * The customers are made through the customer repository (support/seed.ts: sealed, each with its
 * own data key and email guard) before the stack starts, as a bulk import would load them
 * (`bulkLoadCustomers`). The campaign (POST /survey-campaigns) has the quarterly campaign's
 * audience: everyone. At the configured rate (14/s by default) 20 000 emails take ~24 minutes,
 * beyond the benchmark's budget, so the campaign is timed over a window of BENCH_SURVEY_SECONDS
 * from its first email (the output says so and projects the whole campaign). A second, shorter
 * window at BENCH_SURVEY_HIGH_RATE shows how far the local pipeline follows a larger SES quota.
 *
 * Every call Kefu makes meanwhile is counted (cost model): the enumeration's per customer
 * planned, the sender's and the stream consumers' per survey sent. Afterwards ten of the sent
 * surveys are answered through their links, counted likewise.
 */
import { DynamoCampaignRepository } from '../shared/adapters/dynamodb/campaign-repository';
import { campaignStatus } from '../shared/domain/surveys/campaign';
import type { SurveySettings } from '../shared/domain/surveys/settings';
import { recomputeTransactionCapacity } from './support/capacity';
import { queueDepth, waitForQuiet } from './support/quiet';
import {
  elapsedSeconds,
  machine,
  numberFromEnv,
  progress,
  round,
  writeResult,
} from './support/results';
import { recordCalls, reportConsumedCapacity, type SdkCall, tagged } from './support/sdk-calls';
import { bulkLoadCustomers } from './support/seed';
import {
  type BenchStack,
  configureOrganization,
  customerBody,
  inParallel,
  isSystemCall,
  pollerTag,
  sleep,
  startBenchStack,
} from './support/stack';
import { addUsage, breakdownOf, perOperation, usageOf } from './support/usage';

const CUSTOMERS = numberFromEnv('BENCH_SURVEY_CUSTOMERS', 20_000);
const WINDOW_SECONDS = numberFromEnv('BENCH_SURVEY_SECONDS', 30);
const HIGH_RATE = numberFromEnv('BENCH_SURVEY_HIGH_RATE', 100);
const HIGH_RATE_SECONDS = numberFromEnv('BENCH_SURVEY_HIGH_RATE_SECONDS', 12);
const ANSWERS = 10;

interface StoredEmail {
  body?: { text?: string; html?: string };
}

const settingsOf = async (bench: BenchStack, admin: string) =>
  (await bench.call<{ settings: SurveySettings }>('GET', '/survey-settings', admin)).settings;

const setRate = async (bench: BenchStack, admin: string, ratePerSecond: number) => {
  const settings = await settingsOf(bench, admin);
  await bench.call('PUT', '/survey-settings', admin, {
    ...settings,
    sendRatePerSecond: ratePerSecond,
  });
};

/** Answer links in the emails the SES emulator holds (one token per survey). */
const answerTokens = async (bench: BenchStack): Promise<string[]> => {
  const response = await fetch(`${bench.stack.urls.ses}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  const tokens = new Set<string>();
  for (const email of emails) {
    const match = /\/s\/([A-Za-z0-9_.-]+)\?score=/.exec(email.body?.text ?? email.body?.html ?? '');
    if (match?.[1]) tokens.add(match[1]);
  }
  return [...tokens];
};

const sendsIn = (calls: SdkCall[]) =>
  calls.filter((call) => call.command === 'SendEmailCommand' && !call.failed);

/** Emails per second between the first and the last send of `sends` (at least two). */
const rateOf = (sends: SdkCall[]) => {
  if (sends.length < 2) return 0;
  const first = sends[0]?.endedAt ?? 0;
  const last = sends[sends.length - 1]?.endedAt ?? first;
  return (sends.length - 1) / ((last - first) / 1000);
};

const main = async () => {
  const started = performance.now();
  console.log('Survey sending (achieved send rate ÷ configured SES rate)');
  progress(`loading ${CUSTOMERS} customers through the customer repository …`);
  const loaded = await bulkLoadCustomers(
    Array.from({ length: CUSTOMERS }, (_, index) => customerBody(`campaign-${index}`)),
    {
      onProgress: (done) =>
        done % 5000 === 0 &&
        done < CUSTOMERS &&
        progress(`  ${done} customers (${elapsedSeconds(started)})`),
    },
  );
  const seedSeconds = (performance.now() - started) / 1000;
  progress(`  ${CUSTOMERS} customers in ${round(seedSeconds, 1)} s`);
  const bench = await startBenchStack({
    dataDir: loaded.dataDir,
    dynamodbPort: loaded.dynamodbPort,
  });
  try {
    progress(`local stack up (${elapsedSeconds(started)})`);
    await configureOrganization(bench, 1);
    const admin = await bench.token({ scopes: ['admin'], role: 'admin' });
    const surveys = await bench.token({ scopes: ['surveys:read', 'surveys:write'] });
    const configuredRate = (await settingsOf(bench, admin)).sendRatePerSecond;
    const campaigns = new DynamoCampaignRepository();
    await waitForQuiet(bench);

    reportConsumedCapacity(true);
    const stopAll = recordCalls(isSystemCall);
    const samples: { at: number; planned: number; sent: number; done: boolean }[] = [];
    const sample = async (id: string) => {
      const campaign = await tagged('bench', () => campaigns.get(id));
      if (!campaign) throw new Error(`campaign ${id} is missing`);
      const entry = {
        at: performance.now(),
        planned: campaign.counters.planned,
        sent: campaign.counters.sent,
        done: campaignStatus(campaign) === 'completed',
      };
      samples.push(entry);
      return entry;
    };
    const startedAt = performance.now();
    const campaign = await bench.call<{ id: string }>('POST', '/survey-campaigns', surveys, {
      name: `bench ${CUSTOMERS}`,
      audience: {},
    });
    progress(`campaign started at ${configuredRate} emails/s configured …`);
    let firstSendAt: number | undefined;
    let windowEnd = Infinity;
    let done = false;
    while (performance.now() < windowEnd) {
      await sleep(1000);
      const current = await sample(campaign.id);
      if (firstSendAt === undefined && current.sent > 0) {
        firstSendAt = sendsIn(stopAll.calls)[0]?.endedAt ?? performance.now();
        windowEnd = firstSendAt + WINDOW_SECONDS * 1000;
        progress(`  first email after ${elapsedSeconds(startedAt)}; timing ${WINDOW_SECONDS} s …`);
      }
      if (current.done) {
        done = true;
        break;
      }
      if (performance.now() - startedAt > 120_000 && firstSendAt === undefined) {
        throw new Error('the campaign sent nothing within 2 minutes');
      }
    }
    const windowSends = sendsIn(stopAll.calls).filter(
      (call) => call.endedAt <= windowEnd && call.endedAt >= (firstSendAt ?? 0),
    );
    const last = samples[samples.length - 1] ?? {
      planned: 0,
      sent: 0,
      at: performance.now(),
      done,
    };
    const firstSample = samples.find((entry) => entry.sent > 0) ?? last;
    const achieved = rateOf(windowSends);
    const steady = rateOf(
      windowSends.filter((call) => call.endedAt >= (windowSends[0]?.endedAt ?? 0) + 5000),
    );
    const enumerationRate =
      (last.planned - firstSample.planned) / Math.max(0.001, (last.at - firstSample.at) / 1000);
    const atConfigured = {
      configuredPerSecond: configuredRate,
      windowSeconds: WINDOW_SECONDS,
      timeBoxed: !done,
      emailsInWindow: windowSends.length,
      achievedPerSecond: round(achieved),
      steadyPerSecond: round(steady),
      ratio: round(achieved / configuredRate),
      steadyRatio: round(steady / configuredRate),
      firstEmailAfterSeconds: round(((firstSendAt ?? startedAt) - startedAt) / 1000, 1),
      plannedAtEnd: last.planned,
      sentAtEnd: last.sent,
      enumerationPerSecond: round(enumerationRate, 1),
      enumerationRatio: round(enumerationRate / configuredRate),
      projectedCampaignMinutes: round(CUSTOMERS / Math.max(achieved, 0.001) / 60, 1),
    };
    progress(
      `  ${windowSends.length} emails in ${WINDOW_SECONDS} s → ${atConfigured.achievedPerSecond}/s ` +
        `(×${atConfigured.ratio} of ${configuredRate}/s; steady ×${atConfigured.steadyRatio}); ` +
        `audience enumerated at ${atConfigured.enumerationPerSecond}/s ` +
        `(×${atConfigured.enumerationRatio}); ` +
        (atConfigured.timeBoxed
          ? `time-boxed: the whole campaign would take ~${atConfigured.projectedCampaignMinutes} min`
          : 'campaign completed'),
    );

    // The same campaign at a higher configured rate.
    let atHighRate: Record<string, unknown> | undefined;
    if (HIGH_RATE > 0 && !done) {
      await setRate(bench, admin, HIGH_RATE);
      const backlogBefore = await queueDepth(bench, 'survey-sending');
      const highStart = performance.now();
      const before = await sample(campaign.id);
      await sleep(HIGH_RATE_SECONDS * 1000);
      const after = await sample(campaign.id);
      const sends = sendsIn(stopAll.calls).filter((call) => call.startedAt >= highStart + 2000);
      const backlogAfter = await queueDepth(bench, 'survey-sending');
      const rate = rateOf(sends);
      const enumerated = (after.planned - before.planned) / HIGH_RATE_SECONDS;
      atHighRate = {
        configuredPerSecond: HIGH_RATE,
        windowSeconds: HIGH_RATE_SECONDS,
        achievedPerSecond: round(rate),
        ratio: round(rate / HIGH_RATE),
        enumerationPerSecond: round(enumerated, 1),
        sendingQueueBefore: backlogBefore,
        sendingQueueAfter: backlogAfter,
        boundBy:
          backlogAfter === 0
            ? 'audience enumeration'
            : backlogAfter > backlogBefore
              ? 'sending'
              : 'enumeration and sending alike',
      };
      progress(
        `  at ${HIGH_RATE}/s configured: ${round(rate)}/s achieved (×${atHighRate.ratio}); ` +
          `enumerated ${round(enumerated, 1)}/s; survey-sending queue ${backlogBefore} → ` +
          `${backlogAfter} (bound by ${String(atHighRate.boundBy)})`,
      );
    }
    // The campaign stops here: its pollers finish their batches, the stream settles.
    await Promise.all(
      ['survey-campaigns', 'survey-sending'].map((queue) =>
        bench.stack.queuePollers.get(queue)?.stop(),
      ),
    );
    await waitForQuiet(bench, { checkQueues: false });
    const final = await sample(campaign.id);
    const campaignCalls = stopAll();

    // Ten answers through their links.
    const tokens = (await answerTokens(bench)).slice(0, ANSWERS);
    const stopAnswers = recordCalls(isSystemCall);
    await inParallel(tokens, 2, async (token) => {
      const response = await fetch(`${bench.api}/s/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'score=4',
      });
      if (response.status !== 200) throw new Error(`answering a survey: ${response.status}`);
      await response.text();
    });
    await waitForQuiet(bench, { checkQueues: false });
    const answerCalls = stopAnswers();
    reportConsumedCapacity(false);
    await recomputeTransactionCapacity([...campaignCalls, ...answerCalls]);

    // Per customer: the enumeration's share per customer planned, the rest per survey sent.
    const enumeration = campaignCalls.filter((call) => call.tag === pollerTag('survey-campaigns'));
    const rest = campaignCalls.filter((call) => call.tag !== pollerTag('survey-campaigns'));
    const surveyedCustomer = addUsage(
      perOperation(usageOf(enumeration), final.planned),
      perOperation(usageOf(rest, 1), final.sent),
    );
    const usage = {
      surveyedCustomer,
      answer: perOperation(usageOf(answerCalls, tokens.length), tokens.length),
    };
    const breakdown = {
      enumeratedCustomer: breakdownOf(enumeration, final.planned),
      sentSurvey: breakdownOf(rest, final.sent),
      answer: breakdownOf(answerCalls, tokens.length),
    };
    progress(
      `counted: per surveyed customer ${round(surveyedCustomer.dynamodbWriteUnits, 1)} write units, ` +
        `${round(surveyedCustomer.dynamodbReadUnits, 1)} read units (${final.planned} planned, ` +
        `${final.sent} sent); ${tokens.length} answers`,
    );
    const file = writeResult('survey-sending', {
      benchmark: 'survey-sending',
      machine: await machine(),
      settings: {
        customers: CUSTOMERS,
        windowSeconds: WINDOW_SECONDS,
        highRate: HIGH_RATE,
        highRateSeconds: HIGH_RATE_SECONDS,
      },
      seedSeconds: round(seedSeconds, 1),
      atConfigured,
      atHighRate,
      usage,
      breakdown,
      totals: {
        planned: final.planned,
        sent: final.sent,
        answers: tokens.length,
        usage: usageOf(campaignCalls),
      },
      seconds: round((performance.now() - started) / 1000, 1),
    });
    progress(`wrote ${file} (${elapsedSeconds(started)})`);
  } finally {
    await bench.stop();
  }
};

await main();
