import axe from 'axe-core';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { stack } from './harness';

/**
 * Pages a person sees, driven in a real headless Chromium: Debian's (`apt-get install chromium`,
 * which `.ci/run` does), never a downloaded browser. `KEFU_CHROMIUM` points elsewhere.
 */
export const CHROMIUM_PATH = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';

/** Without these, Chromium keeps calling Google's hosts, which a closed network refuses. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Axe impacts that fail a test; `minor` and `moderate` findings are reported by axe only. */
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

export interface OpenOptions {
  /** `false` opens the page as a browser with scripting switched off does. */
  javaScript?: boolean;
  /** Sent as Accept-Language, and the browser's own locale. */
  language?: string;
  /** A bearer token for the API's own pages (the report view). */
  token?: string;
  /** The status the page must answer with; 200 unless given. */
  status?: number;
}

export interface BrowserSession {
  /** Opens a path of the local API in a fresh context (no cookies, no cache); closed after each test. */
  open(path: string, options?: OpenOptions): Promise<Page>;
  /**
   * Runs axe-core on the page as it is now and fails on serious or critical violations, naming
   * each rule, the elements and the rule's help page. axe needs scripts (its timers do not run
   * without them), so a page opened without JavaScript is checked as a scripted copy of its HTML.
   */
  expectAccessible(page: Page): Promise<void>;
  /** Clicks a form's button and waits for the page the form posts to; gives its status. */
  submitWith(button: Locator): Promise<number>;
}

/**
 * Launches Chromium once for the calling test file (fresh profile, headless) and closes it after.
 * Call at the top of a `describe` or the file:
 *
 *   const browser = useBrowser();
 *   it('…', async () => {
 *     const page = await browser.open('/some/page');
 *     await expect(page.getByRole('heading', { level: 1 })).toHaveText(…);  // or read it
 *     await expectAccessible(page);
 *   });
 */
export const useBrowser = (): BrowserSession => {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const withoutScripts = new WeakSet<Page>();
  const newContext = async (settings: BrowserContextOptions) => {
    if (!browser) throw new Error('useBrowser() must be called outside the test, in a describe');
    const context = await browser.newContext(settings);
    contexts.push(context);
    return context;
  };
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(path, options = {}) {
      const settings: BrowserContextOptions = {
        javaScriptEnabled: options.javaScript ?? true,
        // The pages forbid every script by CSP; axe is injected by the test, not by the page.
        bypassCSP: true,
        ...(options.language ? { locale: options.language } : {}),
        extraHTTPHeaders: {
          ...(options.language ? { 'accept-language': options.language } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      };
      const page = await (await newContext(settings)).newPage();
      if (settings.javaScriptEnabled === false) withoutScripts.add(page);
      const response = await page.goto(`${stack.urls.api}${path}`);
      const expected = options.status ?? 200;
      if (response?.status() !== expected) {
        throw new Error(`${path} answered ${response?.status()} instead of ${expected}`);
      }
      return page;
    },
    async submitWith(button) {
      const page = button.page();
      const [response] = await Promise.all([
        page.waitForResponse((each) => each.request().isNavigationRequest()),
        button.click(),
      ]);
      await page.waitForLoadState();
      return response.status();
    },
    async expectAccessible(page) {
      if (!withoutScripts.has(page)) return runAxe(page, page.url());
      const copy = await (await newContext({ bypassCSP: true })).newPage();
      await copy.setContent(await page.content());
      return runAxe(copy, `${page.url()} (its HTML, as shown without JavaScript)`);
    },
  };
};

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[] }[];
}

const runAxe = async (page: Page, shown: string): Promise<void> => {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    // Runs in the page: axe, injected above, checks the whole document.
    const { violations: found } = await (globalThis as unknown as { axe: typeof axe }).axe.run();
    return found.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
  const failing = (violations as AxeViolation[]).filter((violation) =>
    FAILING_IMPACTS.has(violation.impact ?? ''),
  );
  if (failing.length > 0) {
    throw new Error(
      `${failing.length} serious or critical accessibility violation(s) on ${shown}:\n` +
        failing
          .map(
            (violation) =>
              `- ${violation.id} (${violation.impact}): ${violation.help}\n` +
              `  at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}\n` +
              `  ${violation.helpUrl}`,
          )
          .join('\n'),
    );
  }
};
