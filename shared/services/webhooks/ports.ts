import type { Page, PageRequest } from '../../domain/pagination';
import type { DeliveryWork, WebhookDelivery } from '../../domain/webhooks/delivery';
import type { WebhookCustomerContact } from '../../domain/webhooks/payload';
import type { DeliveryOutcome } from '../../domain/webhooks/retry-policy';
import type { WebhookSignatureHeaders } from '../../domain/webhooks/signature';
import type {
  WebhookSecretRef,
  WebhookStatus,
  WebhookSubscription,
} from '../../domain/webhooks/subscription';
import type { TargetCheck } from '../../domain/webhooks/target-address';
import type { Clock } from '../../domain/clock';
import type { IdSource } from '../../domain/ids';

/** A secret as stored: its reference and its value, sealed by the master key. */
export interface SealedSecret extends WebhookSecretRef {
  sealed: string;
}

export interface StoredSubscription extends Omit<WebhookSubscription, 'secrets'> {
  secrets: SealedSecret[];
}

/** Subscriptions and their deliveries. Writes of a subscription are conditional on its version. */
export interface WebhookRepository {
  create(subscription: StoredSubscription): Promise<void>;
  get(id: string): Promise<StoredSubscription | undefined>;
  /** Every subscription (a bounded set: see MAX_SUBSCRIPTIONS_PER_OWNER). */
  list(): Promise<StoredSubscription[]>;
  /** Replaces the subscription if its stored version is still `next.version - 1`. */
  update(next: StoredSubscription): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Sets `failing` after a delivery gave up, `active` after one succeeded, unless an integrator
   * disabled it meanwhile (or it is already so): a background change that bumps the version.
   */
  markStatus(id: string, status: Exclude<WebhookStatus, 'disabled'>, at: string): Promise<void>;
  /** Stores the delivery unless one exists for the same subscription and event; returns the stored one. */
  putDeliveryIfAbsent(delivery: WebhookDelivery): Promise<WebhookDelivery>;
  getDelivery(subscriptionId: string, eventId: string): Promise<WebhookDelivery | undefined>;
  /** Replaces the delivery if its stored version is still `next.version - 1`. */
  saveDelivery(next: WebhookDelivery, previousVersion: number): Promise<void>;
  /** Newest event first. */
  listDeliveries(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
}

/** Seals and opens signing secrets, each bound to its subscription and secret id. */
export interface SecretVault {
  generate(): string;
  seal(subscriptionId: string, secretId: string, secret: string): Promise<string>;
  open(subscriptionId: string, secretId: string, sealed: string): Promise<string>;
}

/** Checks a target URL as the sender will (scheme, credentials, resolved addresses). */
export interface TargetPolicy {
  check(url: string): Promise<TargetCheck>;
}

export interface QueuedDelivery {
  work: DeliveryWork;
  /** The FIFO message group: the delivery's ordering key. */
  groupId: string;
  deduplicationId: string;
}

export interface DeliveryQueue {
  enqueue(items: QueuedDelivery[]): Promise<void>;
  /** Moves a delivery Kefu gave up on to the queue's DLQ, from where a redrive starts it again. */
  deadLetter(item: QueuedDelivery): Promise<void>;
}

export interface OutgoingWebhook {
  url: string;
  body: string;
  headers: WebhookSignatureHeaders;
}

export interface WebhookSendResult {
  outcome: DeliveryOutcome;
  status?: number | undefined;
  durationMs: number;
  retryAfterSeconds?: number | undefined;
  error?: string | undefined;
}

export interface WebhookSender {
  send(request: OutgoingWebhook): Promise<WebhookSendResult>;
}

/** The contact fields of a customer, for subscriptions that asked for them (undefined if erased). */
export interface ContactSource {
  contactOf(customerId: string): Promise<WebhookCustomerContact | undefined>;
}

/** Records, in the customer's access log, that their contact fields went to a subscription. */
export interface DisclosureLog {
  record(disclosure: {
    customerId: string;
    subscription: Pick<WebhookSubscription, 'id' | 'owner'>;
    eventId: string;
    at: string;
  }): Promise<void>;
}

export interface WebhookSubscriptionDeps {
  webhooks: WebhookRepository;
  vault: SecretVault;
  targets: TargetPolicy;
  queue: DeliveryQueue;
  clock: Clock;
  ids: IdSource;
}

export interface WebhookDeliveryDeps {
  webhooks: WebhookRepository;
  vault: SecretVault;
  queue: DeliveryQueue;
  sender: WebhookSender;
  /** Standard Webhooks signature headers over `id.timestamp.body`, one signature per secret. */
  signHeaders(input: {
    id: string;
    timestamp: number;
    body: string;
    secrets: readonly string[];
  }): WebhookSignatureHeaders;
  contacts: ContactSource;
  disclosures: DisclosureLog;
  /** Kefu's clock: the retry window and the records. */
  clock: Clock;
  /** The wall clock: `webhook-timestamp`, which receivers compare with their own clocks. */
  wallClock: Clock;
  random: () => number;
}
