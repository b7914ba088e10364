import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { KefuStack } from '../../infra/stack/kefu-stack';
import { nagPacks } from '../../infra/stack/nag';
import type { WiringManifest } from '../../infra/wiring';

/** A fixed, fake environment: synthesis never asks AWS for anything. */
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' };

export interface Synthesized {
  app: App;
  stack: KefuStack;
  template: Template;
  /** The cloud assembly directory (bundled assets, validation report). */
  assemblyDir: string;
}

/**
 * Synthesizes one Kefu stack as `infra/app.ts` would (cdk-nag packs registered as validation
 * plugins, so an unacknowledged error fails right here). `bundle: false` skips esbuild for tests
 * that only look at the template.
 */
export const synthesize = (options: {
  stage?: string;
  manifest?: WiringManifest;
  bundle?: boolean;
}): Synthesized => {
  const stage = options.stage ?? 'dev';
  const app = new App({
    context: options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  const stack = new KefuStack(app, `kefu-${stage}`, {
    stage,
    manifest: options.manifest,
    env: TEST_ENV,
  });
  Validations.of(app).addPlugins(...nagPacks(app));
  const template = Template.fromStack(stack);
  return { app, stack, template, assemblyDir: app.synth().directory };
};

export interface NagFinding {
  pack: string;
  rule: string;
  severity: string;
  resources: string[];
  description: string;
}

/** Every finding the cdk-nag packs still report (acknowledged ones are left out by cdk-nag). */
export const nagFindings = (scope: IConstruct): NagFinding[] =>
  nagPacks(scope).flatMap((pack) =>
    pack.validateScope(scope).violations.map((violation) => ({
      pack: pack.name,
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      resources: violation.violatingResources.map(
        (r) => r.constructPath ?? r.resourceLogicalId ?? '?',
      ),
      description: violation.description,
    })),
  );

export interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge(...)` in the tree, where it was made and why. */
export const acknowledgements = (scope: IConstruct): Acknowledgement[] =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

/** The policy-validation report CDK wrote next to the templates (all plugins, incl. CFN checks). */
export const validationReport = (assemblyDir: string): { pluginReports: unknown[] } => {
  const file = join(assemblyDir, 'validation-report.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { pluginReports: unknown[] })
    : { pluginReports: [] };
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Resources of one type, by logical id. */
export const resourcesOfType = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;
