import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseMailSettings,
  parsePublicBaseUrl,
  parseStage,
  stageSettings,
} from '../../infra/stack/stage';
import { routeKey } from '../../infra/stack/manifest';
import { wiring } from '../../wiring/manifest';
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

describe('mail settings', () => {
  it('defaults the survey-reply domain to surveys.<sender domain>', () => {
    expect(parseMailSettings('service@shop.example.cn', undefined)).toEqual({
      from: 'service@shop.example.cn',
      complaintsReplyTo: 'complaints@shop.example.cn',
      surveyRepliesDomain: 'surveys.shop.example.cn',
    });
    expect(
      parseMailSettings('service@example.com', undefined, 'Replies.Example.com')
        .surveyRepliesDomain,
    ).toBe('replies.example.com');
  });

  it.each([
    ['surveys'],
    ['@surveys.example.com'],
    ['a@surveys.example.com'],
    ['-x.example.com'],
    [42],
  ])('rejects the survey-reply domain %j', (domain) => {
    expect(() => parseMailSettings(undefined, undefined, domain)).toThrow(
      /invalid surveyRepliesDomain/,
    );
  });

  it('rejects a complaints address at the survey-reply domain (both rules would take it)', () => {
    expect(() =>
      parseMailSettings(
        'service@example.com',
        'complaints@surveys.example.com',
        'surveys.example.com',
      ),
    ).toThrow(/is at the surveyRepliesDomain/);
  });
});

describe('public base URL', () => {
  it('is absent unless given, and loses trailing slashes', () => {
    expect(parsePublicBaseUrl(undefined)).toBeUndefined();
    expect(parsePublicBaseUrl('https://kefu.example.com/')).toBe('https://kefu.example.com');
    expect(parsePublicBaseUrl('https://example.com/kefu/')).toBe('https://example.com/kefu');
  });

  it.each([['http://kefu.example.com'], ['kefu.example.com'], ['https://x.example.com/?a=1'], [7]])(
    'rejects %j',
    (url) => {
      expect(() => parsePublicBaseUrl(url)).toThrow(/invalid publicBaseUrl/);
    },
  );

  it('replaces the API endpoint in every function when given, with the domain settings', () => {
    const custom = synthesize({
      stage: 'dev',
      bundle: false,
      publicBaseUrl: 'https://kefu.example.com',
      mail: parseMailSettings('service@example.com', undefined, 'replies.example.com'),
    });
    const functions = Object.entries(resourcesOfType(custom.template, 'AWS::Lambda::Function'))
      .filter(([id]) => id.startsWith('Functions'))
      .map(
        ([, fn]) =>
          (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables,
      );
    expect(functions.length).toBeGreaterThan(0);
    for (const variables of functions) {
      expect(variables.PUBLIC_BASE_URL).toBe('https://kefu.example.com');
      expect(variables.SURVEY_REPLY_DOMAIN).toBe('replies.example.com');
    }
    custom.template.hasOutput('PublicBaseUrl', { Value: 'https://kefu.example.com' });
    const rules = Object.values(resourcesOfType(custom.template, 'AWS::SES::ReceiptRule')).map(
      (rule) => (rule.Properties?.Rule as { Recipients: string[] }).Recipients,
    );
    expect(rules.sort()).toEqual([['complaints@example.com'], ['replies.example.com']]);
  });
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
    prod.template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'kefu-prod' });
    prod.template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'kefu-prod-mail-feedback',
    });
    prod.template.hasResourceProperties('AWS::SES::ReceiptRuleSet', {
      RuleSetName: 'kefu-prod-inbound',
    });
    prod.template.hasOutput('InboundMailActivation', {
      Value: 'aws ses set-active-receipt-rule-set --rule-set-name kefu-prod-inbound',
    });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'kefu-prod-staff-123456789012',
    });
    const functions = Object.entries(resourcesOfType(prod.template, 'AWS::Lambda::Function'));
    for (const [id, fn] of functions) {
      // CDK's bucket-notifications handler is a per-stack singleton without a name.
      if (id.startsWith('BucketNotificationsHandler')) continue;
      expect(String(fn.Properties?.FunctionName)).toMatch(/^kefu-prod-/);
    }
  });

  it('keeps point-in-time recovery for 1 day in dev and 7 days elsewhere, on both tables', () => {
    // Short on purpose: a restore must not bring back customers erased (crypto-shredded) since.
    const windows = (synth: Synthesized) =>
      resources(synth, 'AWS::DynamoDB::Table').map(
        (table) => table.Properties?.PointInTimeRecoverySpecification,
      );
    expect(windows(dev)).toEqual([
      { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 1 },
      { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 1 },
    ]);
    expect(windows(prod)).toEqual([
      { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
    ]);
    expect(stageSettings('staging').pointInTimeRecoveryDays).toBe(7);
    // No backups kept longer than that: no AWS Backup plan, no on-demand backup.
    for (const synth of [dev, prod]) {
      expect(resources(synth, 'AWS::Backup::BackupPlan')).toHaveLength(0);
      expect(resources(synth, 'AWS::Backup::BackupSelection')).toHaveLength(0);
    }
  });

  it('names the personal-data key alias after the stage and retains the key outside dev', () => {
    const alias = (synth: Synthesized) =>
      resources(synth, 'AWS::KMS::Alias').map((a) => [a.Properties?.AliasName, a.DeletionPolicy]);
    expect(alias(dev)).toEqual([['alias/kefu-dev-personal-data', 'Delete']]);
    expect(alias(prod)).toEqual([['alias/kefu-prod-personal-data', 'Retain']]);
  });

  it('throttles every route, public routes tighter, higher outside dev', () => {
    const routeSettings = (synth: Synthesized) => {
      const [stage] = resources(synth, 'AWS::ApiGatewayV2::Stage');
      return stage?.Properties?.RouteSettings as Record<
        string,
        { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
      >;
    };
    const expected = {
      dev: { authenticated: [25, 50], public: [5, 10] },
      prod: { authenticated: [200, 400], public: [20, 40] },
    };
    for (const [synth, limits] of [
      [dev, expected.dev],
      [prod, expected.prod],
    ] as const) {
      const settings = routeSettings(synth);
      expect(Object.keys(settings).sort()).toEqual(wiring.routes.map(routeKey).sort());
      for (const route of wiring.routes) {
        const [rate, burst] = route.scopes.length > 0 ? limits.authenticated : limits.public;
        expect(settings[routeKey(route)], routeKey(route)).toEqual({
          ThrottlingRateLimit: rate,
          ThrottlingBurstLimit: burst,
        });
      }
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
