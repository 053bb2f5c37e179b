import { actionMatches, arnMatches, analyzeGrants, parsePolicy } from './packages/core/src/iam/index.js';
let t = performance.now(); let n = 0;
for (let i = 0; i < 1_000_000; i++) { if (actionMatches('s3:Get*', i % 2 ? 's3:GetObject' : 's3:PutObject')) n++; if (arnMatches('arn:aws:s3:::logs-*/AWSLogs/*', `arn:aws:s3:::logs-${i % 7}/AWSLogs/x`)) n++; }
console.log('2M matches ms', Math.round(performance.now() - t), n);
const doc = parsePolicy({ Statement: Array.from({ length: 20 }, (_, i) => ({ Effect: 'Allow', Action: ['s3:Get*', 'iam:Pass*', `ec2:Describe${i}*`], Resource: `arn:aws:s3:::b${i}/*` })) });
t = performance.now(); for (let i = 0; i < 1000; i++) analyzeGrants(doc, { ownerAccount: '111122223333' });
console.log('analyzeGrants 20-statement doc, per call ms', (performance.now() - t) / 1000);
