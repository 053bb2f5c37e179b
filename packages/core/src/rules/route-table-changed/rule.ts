import type { ChangeEvent } from '../../events/change-event.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

const VERBS: Readonly<Record<string, string>> = {
  CreateRoute: 'added a route to',
  ReplaceRoute: 'replaced a route in',
  DeleteRoute: 'deleted a route from',
  CreateRouteTable: 'created route table',
  DeleteRouteTable: 'deleted route table',
  ReplaceRouteTableAssociation: 'associated a subnet with route table',
  DisassociateRouteTable: 'disassociated route table',
};

/** Route targets as CloudTrail names them, in the order AWS documents them. */
const TARGETS = [
  'gatewayId',
  'natGatewayId',
  'transitGatewayId',
  'vpcPeeringConnectionId',
  'networkInterfaceId',
  'instanceId',
  'egressOnlyInternetGatewayId',
  'vpcEndpointId',
  'localGatewayId',
  'carrierGatewayId',
  'coreNetworkArn',
] as const;

function routeOf(event: ChangeEvent): { destination?: string; target?: string } {
  const request = event.requestParameters;
  const destination =
    str(request, 'destinationCidrBlock') ??
    str(request, 'destinationIpv6CidrBlock') ??
    str(request, 'destinationPrefixListId');
  const target = TARGETS.map((name) => str(request, name)).find((value) => value !== undefined);
  return { ...(destination !== undefined && { destination }), ...(target !== undefined && { target }) };
}

/** CIS 4.13 change record: route tables decide where a subnet's traffic goes. */
export default defineRule({
  id: 'route-table-changed',
  title: 'Route table changed',
  description:
    'A VPC route table or one of its routes or subnet associations was created, replaced or deleted (CIS 4.13). ' +
    'Routes can silently send traffic through an attacker-controlled instance, peering or gateway, or cut off monitoring.',
  category: 'network_change',
  severity: 'info',
  events: [
    {
      source: 'ec2.amazonaws.com',
      names: [
        'CreateRoute',
        'CreateRouteTable',
        'ReplaceRoute',
        'ReplaceRouteTableAssociation',
        'DeleteRouteTable',
        'DeleteRoute',
        'DisassociateRouteTable',
      ],
    },
  ],
  references: {
    cis: ['4.13'],
    securityHub: ['CloudWatch.13'],
    mitre: ['T1599'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-13',
    ],
  },
  runbook: `## Route table changed

**What happened.** A route table, a route, or a subnet's association with a route table changed.
\`context.destination\` / \`context.target\` show the route for Create/Replace/DeleteRoute.

**Check**
1. Was it planned (ticket, deploy pipeline — see the actor and \`provenance\`)?
2. The table now: \`aws ec2 describe-route-tables --route-table-ids <rtb-id>\`
3. Red flags: a default route (\`0.0.0.0/0\`, \`::/0\`) pointing at an instance or network interface
   (traffic interception), at an internet gateway for a subnet meant to be private, or at a peering
   connection / transit gateway you do not know.

**Fix**
- Put the previous target back: \`aws ec2 replace-route --route-table-id <rtb-id> --destination-cidr-block <cidr> --nat-gateway-id <nat-id>\`
- Remove an unwanted route: \`aws ec2 delete-route --route-table-id <rtb-id> --destination-cidr-block <cidr>\`
- Restore a subnet's association: \`aws ec2 replace-route-table-association --association-id <assoc-id> --route-table-id <rtb-id>\``,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const request = event.requestParameters;
    const table = str(request, 'routeTableId') ?? str(event.responseElements, 'routeTable.routeTableId');
    const association = str(request, 'associationId');
    const route = routeOf(event);
    const routeText =
      route.destination !== undefined
        ? ` (${route.destination}${route.target !== undefined ? ` → ${route.target}` : ''})`
        : '';
    const subject = table ?? association ?? '(unknown route table)';
    return {
      summary: `${actorLabel(event.actor)} ${VERBS[event.eventName] ?? event.eventName} ${subject}${routeText}, in ${whereLabel(event)}.`,
      resources: withResources(event, [
        table ? regionalArn(event, 'ec2', `route-table/${table}`) : undefined,
      ]),
      context: {
        ...(table !== undefined && { routeTableId: table }),
        ...(association !== undefined && { associationId: association }),
        ...route,
        ...(str(request, 'vpcId') !== undefined && { vpcId: str(request, 'vpcId') }),
        provenance: event.actor.provenance,
      },
      dedupe: [table ?? association ?? '', event.eventName],
    };
  },
});
