import { Duration, Names, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { functionName, type WiringManifest } from '../../wiring/manifest';
import type { HandlerFunctions } from './functions';
import { acknowledge, acknowledgeWildcards } from './nag';
import type { StageSettings } from './stage';

export interface SchedulesProps {
  settings: StageSettings;
  manifest: WiringManifest;
  functions: HandlerFunctions;
}

/**
 * One EventBridge Scheduler schedule per manifest schedule, invoking its handler with the
 * manifest's payload in the manifest's time zone. Invocations the scheduler cannot deliver and
 * runs that still fail after Lambda's retries end in the handler's asynchronous DLQ.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { settings, manifest, functions } = props;
    for (const schedule of manifest.schedules) {
      const fn = functions.get(schedule.handler);
      // An own role per schedule (instead of the construct's shared one) so that its
      // permissions can be reviewed and acknowledged exactly where they are granted.
      const role = new iam.Role(this, `${schedule.name}-role`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
        description: `Kefu ${settings.stage}: schedule ${schedule.name} invokes ${schedule.handler}`,
      });
      new Schedule(this, schedule.name, {
        scheduleName: `kefu-${settings.stage}-${schedule.name}`,
        description: `Kefu ${settings.stage}: ${schedule.expression} (${schedule.timezone}) → ${schedule.handler}`,
        schedule: ScheduleExpression.expression(
          schedule.expression,
          TimeZone.of(schedule.timezone),
        ),
        target: new LambdaInvoke(fn, {
          role,
          input: ScheduleTargetInput.fromObject(schedule.payload),
          deadLetterQueue: functions.asyncDeadLetterQueue(schedule.handler).queue,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
      acknowledgeInvokeWildcard(role, fn, functionName(schedule.handler));
    }
  }
}

/** `grantInvoke` also covers the function's versions and aliases (`<arn>:*`). */
const acknowledgeInvokeWildcard = (role: iam.Role, fn: lambda.Function, name: string): void => {
  const policy = role.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  const stack = Stack.of(fn);
  const fnLogicalId = stack.resolve(
    stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction),
  ) as string;
  acknowledge(
    policy,
    'NIST.800.53.R5-IAMNoInlinePolicy',
    `This policy is attached to one role only, the role EventBridge Scheduler assumes to run ` +
      `${name}, and allows lambda:InvokeFunction on that function alone; a managed policy ` +
      'would carry the same statement and could be attached to other roles too.',
  );
  const reason = `lambda:InvokeFunction on the versions and aliases of ${name} only, the one function this schedule runs.`;
  acknowledgeWildcards(policy, (finding) =>
    finding === `Resource::<${fnLogicalId}.Arn>:*` ? reason : undefined,
  );
  // The schedules live in a nested stack, where the function's ARN arrives as the parameter
  // CloudFormation names after it (CDK's "reference-to-<unique id><attribute>"): the same grant.
  const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
  acknowledge(
    policy,
    `AwsSolutions-IAM5[Resource::<referenceto${Names.nodeUniqueId(cfnFunction.node)}Arn>:*]`,
    reason,
  );
};
