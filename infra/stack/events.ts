import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { EventRuleDefinition } from '../../wiring/manifest';
import { DeadLetterQueue } from './dead-letter-queue';
import type { WorkQueues } from './queues';
import type { StageSettings } from './stage';

/**
 * The `kefu-<stage>` event bus that carries domain events, and one rule per manifest event rule
 * delivering matching events to its queue. An event EventBridge cannot deliver (after retries)
 * goes to the rule's own standard DLQ (`<rule>-delivery-dlq`; EventBridge cannot use FIFO DLQs).
 */
export class DomainEvents extends Construct {
  readonly bus: events.EventBus;
  private readonly settings: StageSettings;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.settings = settings;
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: `kefu-${settings.stage}`,
      description: `Kefu ${settings.stage}: domain events (source kefu.<capability>)`,
    });
  }

  /**
   * One rule per manifest event rule, created in `scope` (beside the queues they deliver to, in
   * the messaging nested stack).
   */
  routeToQueues(scope: Construct, rules: EventRuleDefinition[], queues: WorkQueues): void {
    const parent = new Construct(scope, 'EventRules');
    for (const rule of rules) {
      const target = queues.get(rule.target.queue);
      const undelivered = new DeadLetterQueue(parent, `${rule.name}-delivery-dlq`, {
        settings: this.settings,
        name: `${rule.name}-delivery-dlq`,
        holds: `events of rule ${rule.name} that EventBridge could not deliver to ${rule.target.queue}`,
        filledBy: `the dead-letter configuration of rule ${rule.name}'s target`,
      });
      new events.Rule(parent, rule.name, {
        ruleName: `kefu-${this.settings.stage}-${rule.name}`,
        description: `${rule.detailTypes.join(', ')} → ${rule.target.queue}`.slice(0, 512),
        eventBus: this.bus,
        eventPattern: {
          source: rule.sources,
          detailType: rule.detailTypes,
          ...(rule.dataMatch ? { detail: { data: rule.dataMatch } } : {}),
        },
        targets: [
          new targets.SqsQueue(target.queue, {
            deadLetterQueue: undelivered.queue,
            retryAttempts: 8,
            maxEventAge: Duration.hours(24),
            // FIFO queues need a group; one group per rule keeps its events in order.
            messageGroupId: target.definition.fifo ? rule.name : undefined,
          }),
        ],
      });
    }
  }
}
