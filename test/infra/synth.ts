import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { KefuStack } from '../../infra/stack/kefu-stack';
import { nagPacks } from '../../infra/stack/nag';
import type { MailSettings } from '../../infra/stack/stage';
import type { StageConfig } from '../../infra/stack/stage-config';
import type { WiringManifest } from '../../wiring/manifest';

/** A fixed, fake environment: synthesis never asks AWS for anything. */
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' };

export interface Synthesized {
  app: App;
  stack: KefuStack;
  /**
   * The whole deployment as if it were one stack: the main stack with its nested stacks
   * (messaging, API routes) folded in, references across them replaced by what they refer to.
   */
  template: Template;
  /** Each real template: the main stack's and each nested stack's, by construct path. */
  stackTemplates: Map<string, Template>;
  /** The cloud assembly directory (bundled assets, validation report). */
  assemblyDir: string;
}

type Json = Record<string, unknown>;
interface TemplateJson {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, Json & { DependsOn?: string | string[]; Properties?: Json }>;
  Outputs?: Record<string, { Value: unknown }>;
  [section: string]: unknown;
}

/** Replaces, everywhere in `value`, what `replace` returns something for. */
const substitute = (value: unknown, replace: (node: Json) => unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => substitute(item, replace));
  if (value === null || typeof value !== 'object') return value;
  const replaced = replace(value as Json);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, substitute(item, replace)]),
  );
};

/**
 * Folds the nested stacks of `stack` into its template: a nested stack's parameters become the
 * values the parent passes, the parent's references to nested outputs become the outputs' values,
 * and the nested-stack resources themselves disappear. Logical ids must not collide.
 */
const flatten = (stack: Stack): TemplateJson => {
  let template = structuredClone(Template.fromStack(stack).toJSON()) as TemplateJson;
  const children = stack.node
    .findAll()
    .filter((c): c is NestedStack => NestedStack.isNestedStack(c) && c.nestedStackParent === stack);
  for (const nested of children) {
    const resource = nested.nestedStackResource;
    if (!resource) throw new Error(`${nested.node.path} has no stack resource`);
    const resourceId = stack.resolve(stack.getLogicalId(resource)) as string;
    const passed = (template.Resources[resourceId]?.Properties?.Parameters ?? {}) as Json;
    const inner = flatten(nested);
    const parameters = new Set(Object.keys(inner.Parameters ?? {}));
    const resolved = substitute(inner, (node) => {
      const ref = node.Ref;
      return typeof ref === 'string' && parameters.has(ref) && Object.keys(node).length === 1
        ? passed[ref]
        : undefined;
    }) as TemplateJson;
    const rest = {
      ...template,
      Resources: Object.fromEntries(
        Object.entries(template.Resources).filter(([id]) => id !== resourceId),
      ),
    };
    const outer = substitute(rest, (node) => {
      const getAtt = node['Fn::GetAtt'];
      if (!Array.isArray(getAtt) || getAtt[0] !== resourceId) return undefined;
      const output = String(getAtt[1]).replace(/^Outputs\./, '');
      const value = resolved.Outputs?.[output]?.Value;
      if (value === undefined) throw new Error(`no output ${output} in ${nested.node.path}`);
      return value;
    }) as TemplateJson;
    for (const resource of Object.values(outer.Resources)) {
      if (resource.DependsOn === undefined) continue;
      const dependsOn = [resource.DependsOn].flat().filter((d) => d !== resourceId);
      if (dependsOn.length > 0) resource.DependsOn = dependsOn;
      else delete resource.DependsOn;
    }
    for (const [id, resource] of Object.entries(resolved.Resources)) {
      if (id in outer.Resources) throw new Error(`logical id ${id} is in two stacks`);
      outer.Resources[id] = resource;
    }
    template = outer;
  }
  return template;
};

/**
 * Synthesizes one Kefu stack as `infra/app.ts` would (cdk-nag packs registered as validation
 * plugins, so an unacknowledged error fails right here). `bundle: false` skips esbuild for tests
 * that only look at the template.
 */
export const synthesize = (options: {
  stage?: string;
  manifest?: WiringManifest;
  bundle?: boolean;
  mail?: MailSettings;
  publicBaseUrl?: string;
  /** Integrators, staff client URLs, CORS origins; default: none (as a stage without a file). */
  callers?: StageConfig;
}): Synthesized => {
  const stage = options.stage ?? 'dev';
  const app = new App({
    context: options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  const stack = new KefuStack(app, `kefu-${stage}`, {
    stage,
    manifest: options.manifest,
    mail: options.mail,
    publicBaseUrl: options.publicBaseUrl,
    callers: options.callers,
    env: TEST_ENV,
  });
  Validations.of(app).addPlugins(...nagPacks(app));
  const stackTemplates = new Map(
    [stack, ...stack.node.findAll().filter((c) => NestedStack.isNestedStack(c))].map((s) => [
      s.node.path,
      Template.fromStack(s as Stack),
    ]),
  );
  const template = Template.fromJSON(flatten(stack));
  return { app, stack, template, stackTemplates, assemblyDir: app.synth().directory };
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

/** One statement of an IAM policy, as synthesized. */
export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}

/** Every statement of every IAM policy attached to the execution role of a function resource. */
export const roleStatements = (
  template: Template,
  functionProperties: Record<string, unknown> | undefined,
): PolicyStatement[] => {
  const roleId = (functionProperties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
};
