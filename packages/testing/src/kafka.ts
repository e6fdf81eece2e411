/**
 * Kafka tests run against a real broker (KAFKA_BROKERS; `npm test` starts one when Java and
 * Maven are there). Without one they are skipped with a reason, unless REQUIRE_KAFKA=1 (CI),
 * where a missing broker is a failure.
 */
export function kafkaBrokers(): string[] | undefined {
  const brokers = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  return brokers?.length ? brokers : undefined;
}

export function describeWithKafka(name: string, body: (brokers: string[]) => void): void {
  const brokers = kafkaBrokers();
  if (brokers) {
    describe(name, () => body(brokers));
    return;
  }
  if (process.env.REQUIRE_KAFKA === '1') {
    describe(name, () => {
      it('needs a Kafka broker', () => {
        throw new Error('REQUIRE_KAFKA=1 but KAFKA_BROKERS is not set: start one with scripts/kafka.sh start.');
      });
    });
    return;
  }
  const reason = `${name}: skipped, no Kafka broker (set KAFKA_BROKERS, or install Java 17 + Maven so npm test starts one)`;
  console.warn(reason);
  const skip = describe.skip;
  skip(reason, () => body([]));
}
