import { CfnResource, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks, rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag packs Kefu is held to (cdk-nag v3: policy-validation plugins). */
export const nagPacks = (scope: IConstruct) => [
  new AwsSolutionsChecks(scope, { verbose: true }),
  new ServerlessChecks(scope, { verbose: true }),
  new NIST80053R5Checks(scope, { verbose: true }),
];

/**
 * Acknowledges one cdk-nag rule (or one `Rule[finding]`) on exactly one resource: the
 * construct's own CloudFormation resource when it is an L2, so nothing beneath it is covered.
 * Several ids share the reason when packs report the same thing under their own names (e.g.
 * `Serverless-LambdaDLQ` and `NIST.800.53.R5-LambdaDLQ`).
 */
export const acknowledge = (
  construct: IConstruct,
  id: string | readonly string[],
  reason: string,
): void => {
  const resource = construct.node.defaultChild;
  const target = resource instanceof CfnResource ? resource : construct;
  for (const one of typeof id === 'string' ? [id] : id) {
    Validations.of(target).acknowledge({ id: one, reason });
  }
};

/** Explains one kind of IAM wildcard finding; `undefined` leaves the finding reported. */
export type WildcardExplainer = (finding: string) => string | undefined;

/**
 * Acknowledges the `AwsSolutions-IAM5` findings of one IAM policy one by one, each only if an
 * explainer recognises it. Findings are computed by cdk-nag's own rule, so their ids match
 * exactly, and any wildcard nobody explained still fails the check.
 */
export const acknowledgeWildcards = (policy: IConstruct, explain: WildcardExplainer): void => {
  const resource = policy instanceof CfnResource ? policy : policy.node.defaultChild;
  if (!(resource instanceof CfnResource)) return;
  const findings = rules.iam.IAMNoWildcardPermissions(resource);
  if (!Array.isArray(findings)) return;
  for (const finding of findings) {
    const reason = explain(finding);
    if (reason) acknowledge(policy, `AwsSolutions-IAM5[${finding}]`, reason);
  }
};
