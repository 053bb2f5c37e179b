import { z } from 'zod';

/**
 * One entry of `aws cloudtrail lookup-events` output (`Events[]`). The record itself is the
 * JSON *string* `CloudTrailEvent`; the other fields are a summary. `EventTime` is an ISO
 * string in AWS CLI v2 and epoch seconds in v1.
 *
 * @example
 * {
 *   "EventId": "0ec5f4d2-6f23-4d9c-a1b0-5f1d2a9e8c11",
 *   "EventName": "DeleteTrail",
 *   "ReadOnly": "false",
 *   "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
 *   "EventTime": "2024-03-01T09:15:02+00:00",
 *   "EventSource": "cloudtrail.amazonaws.com",
 *   "Username": "alice",
 *   "Resources": [{ "ResourceType": "AWS::CloudTrail::Trail", "ResourceName": "management-events" }],
 *   "CloudTrailEvent": "{\"eventVersion\":\"1.09\",\"userIdentity\":{…},\"eventName\":\"DeleteTrail\",…}"
 * }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html
 * @see https://docs.aws.amazon.com/cli/latest/reference/cloudtrail/lookup-events.html
 */
export const LookupEventSchema = z.looseObject({
  EventId: z.string().optional(),
  EventName: z.string().optional(),
  ReadOnly: z.string().optional(),
  AccessKeyId: z.string().optional(),
  EventTime: z.union([z.string(), z.number()]).optional(),
  EventSource: z.string().optional(),
  Username: z.string().optional(),
  Resources: z
    .array(z.looseObject({ ResourceType: z.string().optional(), ResourceName: z.string().optional() }))
    .optional(),
  CloudTrailEvent: z.string(),
});

/**
 * The whole `lookup-events` response.
 *
 * @example
 * { "Events": [ { "EventId": "…", "CloudTrailEvent": "{…}" } ], "NextToken": "…" }
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
export const LookupEventsOutputSchema = z.looseObject({
  Events: z.array(LookupEventSchema),
  NextToken: z.string().optional(),
});

export type LookupEvent = z.infer<typeof LookupEventSchema>;
export type LookupEventsOutput = z.infer<typeof LookupEventsOutputSchema>;
