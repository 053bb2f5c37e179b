import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';

export interface LocalQueue {
  readonly url: string;
  readonly arn: string;
}

export interface SubscribeQueueOptions {
  /** SNS filter policy (on message attributes), as an object. */
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  /** Deliver the message itself instead of the SNS notification envelope. */
  readonly rawMessageDelivery?: boolean;
}

export interface LocalSns {
  readonly endpoint: string;
  readonly region: string;
  /** Real SDK clients pointed at the emulator. */
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  createTopic(name: string): Promise<string>;
  createQueue(name: string): Promise<LocalQueue>;
  /** Subscribes a queue to a topic through the SNS API; returns the subscription ARN. */
  subscribeQueue(topicArn: string, queue: LocalQueue, options?: SubscribeQueueOptions): Promise<string>;
  /** Polls until `count` messages arrived or `timeoutMs` passed; returns what arrived (and deletes it). */
  receive(
    queue: LocalQueue,
    options: { readonly count: number; readonly timeoutMs?: number },
  ): Promise<Message[]>;
  /** Polls for the whole of `durationMs` and returns everything that arrived, to show that nothing did. */
  receiveFor(queue: LocalQueue, durationMs: number): Promise<Message[]>;
  /** Deletes every message in the queue (SQS PurgeQueue), so one test's messages do not reach the next. */
  purge(queue: LocalQueue): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs (an in-process SNS/SQS emulator) on 127.0.0.1 and a random port, with SDK
 * clients pointed at it, so SNS publishing and SNS → SQS delivery are tested through the real
 * AWS SDK and wire protocol without AWS credentials.
 *
 * @example
 * const local = await startLocalSns();
 * const topicArn = await local.createTopic('alerts');
 * const queue = await local.createQueue('pager');
 * await local.subscribeQueue(topicArn, queue, { filterPolicy: { severity: ['critical'] } });
 * // … publish, then: const [message] = await local.receive(queue, { count: 1 });
 * await local.stop();
 */
export async function startLocalSns(options: { readonly region?: string } = {}): Promise<LocalSns> {
  const region = options.region ?? 'us-east-1';
  const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false, defaultRegion: region });
  const endpoint = server.address;
  const clientConfig = { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const sns = new SNSClient(clientConfig);
  const sqs = new SQSClient(clientConfig);

  const poll = async (queue: LocalQueue, until: (received: Message[]) => boolean, deadline: number) => {
    const received: Message[] = [];
    while (!until(received) && Date.now() < deadline) {
      const output = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const messages = output.Messages ?? [];
      received.push(...messages);
      if (messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queue.url,
            Entries: messages.map((message, index) => ({
              Id: `m${index}`,
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
      }
    }
    return received;
  };

  return {
    endpoint,
    region,
    sns,
    sqs,
    async createTopic(name) {
      const output = await sns.send(new CreateTopicCommand({ Name: name }));
      if (!output.TopicArn) throw new Error(`fauxqs returned no TopicArn for ${name}`);
      return output.TopicArn;
    },
    async createQueue(name) {
      const created = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      if (!created.QueueUrl) throw new Error(`fauxqs returned no QueueUrl for ${name}`);
      const attributes = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      const arn = attributes.Attributes?.QueueArn;
      if (!arn) throw new Error(`fauxqs returned no QueueArn for ${name}`);
      return { url: created.QueueUrl, arn };
    },
    async subscribeQueue(topicArn, queue, subscribeOptions = {}) {
      const attributes: Record<string, string> = {};
      if (subscribeOptions.filterPolicy)
        attributes.FilterPolicy = JSON.stringify(subscribeOptions.filterPolicy);
      if (subscribeOptions.rawMessageDelivery) attributes.RawMessageDelivery = 'true';
      const output = await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: queue.arn,
          ...(Object.keys(attributes).length > 0 && { Attributes: attributes }),
          ReturnSubscriptionArn: true,
        }),
      );
      if (!output.SubscriptionArn) throw new Error(`fauxqs returned no SubscriptionArn for ${queue.arn}`);
      return output.SubscriptionArn;
    },
    receive: (queue, { count, timeoutMs = 5_000 }) =>
      poll(queue, (received) => received.length >= count, Date.now() + timeoutMs),
    receiveFor: (queue, durationMs) => poll(queue, () => false, Date.now() + durationMs),
    async purge(queue) {
      await sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
    },
    async stop() {
      sns.destroy();
      sqs.destroy();
      await server.stop();
    },
  };
}
