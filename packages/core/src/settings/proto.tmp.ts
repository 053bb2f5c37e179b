import { parseSettingsText } from './parse-settings.js';
const text = `allowedAccounts:
  - "12345"
rules:
  root-activty:
    severity: urgent
  iam-user-created:
    remediation: auto
  root-activity:
    dedupeWindowMinutes: 1.5
suppressions:
  - owner: platform
    reason: ci
    expires: 2027-01-31
    rules: [iam-user-created]
  - owner: ""
    expires: next week
    principal: ["arn:aws:iam::111122223333:role/x"]
  - owner: a
    reason: b
    expires: 2027-02-30
    accounts: []
  - owner: platform
    reason: ci again
    expires: 2027-01-31T00:00:00Z
    rules: [iam-user-created]
alerts:
  slack: { webhookUrlEnv: SLACK, webhookSecretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:x" }
  pagerduty: {}
deployPipeline:
  lowerSeverityBy: 7
thresholds:
  consoleLoginFailures: { count: "5", windowMinute: 3 }
`;
try { parseSettingsText(text, 'yaml', 'x.yaml'); } catch (e) { console.log((e as Error).message); }
try { parseSettingsText('rules:\n  root-activity: {}\nsuppressions:\n  - owner: platform\n    reason: ci\n    expires: 2027-01-31\n    rules: [iam-user-created]\n  - owner: platform\n    reason: ci again\n    expires: 2027-01-31T00:00:00Z\n    rules: [iam-user-created]\n', 'yaml', 'x.yaml'); } catch (e) { console.log((e as Error).message); }
try { parseSettingsText('{"rules": {"root-activity": {"enabled": "no"}},\n "x": 1}', 'json', 'x.json'); } catch (e) { console.log((e as Error).message); }
try { parseSettingsText('{"rules": {\n "root-activity": {"enabled": "no",}}}', 'json', 'x.json'); } catch (e) { console.log((e as Error).message); }
try { parseSettingsText('a: [\n', 'yaml', 'x.yaml'); } catch (e) { console.log((e as Error).message); }
try { parseSettingsText('- a\n', 'yaml', 'x.yaml'); } catch (e) { console.log((e as Error).message); }
console.log(JSON.stringify(parseSettingsText('', 'yaml')));
