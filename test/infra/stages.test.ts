import { beforeAll, describe, expect, it } from 'vitest';
import { parseStage } from '../../infra/stack/stage';
import { resourcesOfType, type Synthesized, synthesize } from './synth';

const DATA_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::KMS::Key',
  'AWS::SecretsManager::Secret',
  'AWS::Cognito::UserPool',
  // Raw inbound email and its access logs.
  'AWS::S3::Bucket',
];

type Resource = { Type: string; DeletionPolicy?: string; Properties?: Record<string, unknown> };
const resources = (synth: Synthesized, type: string) =>
  Object.values(resourcesOfType(synth.template, type)) as Resource[];

let dev: Synthesized;
let prod: Synthesized;

beforeAll(() => {
  // Template-only checks: skip esbuild.
  dev = synthesize({ stage: 'dev', bundle: false });
  prod = synthesize({ stage: 'prod', bundle: false });
}, 120_000);

describe('stage name', () => {
  it('defaults to dev and accepts short lower-case names', () => {
    expect(parseStage(undefined)).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
    expect(parseStage('staging-2')).toBe('staging-2');
  });

  it.each([[''], ['a'], ['Prod'], ['1st'], ['-dev'], ['dev_1'], ['a-very-long-stage-name'], [42]])(
    'rejects %j',
    (stage) => {
      expect(() => parseStage(stage)).toThrow(/invalid stage/);
    },
  );
});

describe('dev versus other stages', () => {
  it('protects both tables against deletion outside dev only', () => {
    for (const table of resources(dev, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
    }
    for (const table of resources(prod, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
    }
    expect(resources(prod, 'AWS::DynamoDB::Table')).toHaveLength(2);
  });

  it('protects the user pool against deletion outside dev only', () => {
    const [devPool] = resources(dev, 'AWS::Cognito::UserPool');
    const [prodPool] = resources(prod, 'AWS::Cognito::UserPool');
    expect(devPool?.Properties?.DeletionProtection).toBe('INACTIVE');
    expect(prodPool?.Properties?.DeletionProtection).toBe('ACTIVE');
  });

  it('retains data stores outside dev and destroys them with a dev stack', () => {
    for (const type of DATA_TYPES) {
      for (const resource of resources(dev, type))
        expect(resource.DeletionPolicy, type).toBe('Delete');
      for (const resource of resources(prod, type))
        expect(resource.DeletionPolicy, type).toBe('Retain');
    }
  });

  it('empties the inbound-mail buckets on deletion of a dev stack only', () => {
    expect(resources(dev, 'AWS::S3::Bucket')).toHaveLength(2);
    expect(resources(dev, 'Custom::S3AutoDeleteObjects')).toHaveLength(2);
    expect(resources(prod, 'AWS::S3::Bucket')).toHaveLength(2);
    expect(resources(prod, 'Custom::S3AutoDeleteObjects')).toHaveLength(0);
  });

  it('names stage-specific resources after the stage', () => {
    prod.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'kefu-prod' });
    prod.template.hasResourceProperties('AWS::SES::ReceiptRuleSet', {
      RuleSetName: 'kefu-prod-inbound',
    });
    prod.template.hasOutput('InboundMailActivation', {
      Value: 'aws ses set-active-receipt-rule-set --rule-set-name kefu-prod-inbound',
    });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'kefu-prod-123456789012',
    });
    const functions = Object.entries(resourcesOfType(prod.template, 'AWS::Lambda::Function'));
    for (const [id, fn] of functions) {
      // CDK's bucket-notifications handler is a per-stack singleton without a name.
      if (id.startsWith('BucketNotificationsHandler')) continue;
      expect(String(fn.Properties?.FunctionName)).toMatch(/^kefu-prod-/);
    }
  });

  it('keeps logs longer and throttles higher outside dev', () => {
    const retention = (synth: Synthesized) =>
      resources(synth, 'AWS::Logs::LogGroup').map((g) => g.Properties?.RetentionInDays as number);
    expect(Math.min(...retention(prod))).toBeGreaterThan(Math.max(...retention(dev)));
    const [stage] = resources(prod, 'AWS::ApiGatewayV2::Stage');
    expect(stage?.Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 500,
      ThrottlingBurstLimit: 1000,
    });
  });
});
