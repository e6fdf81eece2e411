import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { Counter, Histogram, register, type Metric } from 'prom-client';

/** The metric registered under `name`, made once per process even if this module is loaded twice (sources and build). */
const once = <M extends Metric>(name: string, make: (name: string) => M): M => (register.getSingleMetric(name) as M | undefined) ?? make(name);

export const requestDuration = once(
  'crm_graphql_request_duration_seconds',
  (name) =>
    new Histogram({
      name,
      help: 'GraphQL requests by service and operation name (`anonymous` when unnamed or unparsable), from receipt to response',
      labelNames: ['service', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

export const requestErrors = once(
  'crm_graphql_errors_total',
  (name) => new Counter({ name, help: 'Errors in GraphQL responses by service and `extensions.code`', labelNames: ['service', 'code'] }),
);

/** Past this many distinct operation names a service reports further ones as `other`: clients choose the names. */
const MAX_OPERATION_NAMES = 300;
const MAX_CODES = 50;

/** The code the client sees: a refusal's own code beats the one graphql-js or Apollo put on the wrapper. */
function codeOf(error: GraphQLError): string {
  const cause = error.originalError instanceof GraphQLError ? error.originalError.extensions?.code : undefined;
  const code = cause ?? error.extensions?.code;
  return typeof code === 'string' && code ? code : 'INTERNAL_SERVER_ERROR';
}

/**
 * The operation's name as the parsed document gives it, even when the operation then failed
 * validation or sign-in; `anonymous` when it has none or the request did not parse.
 */
function operationNameOf({ operation, operationName, document, request }: GraphQLRequestContextWillSendResponse<BaseContext>): string {
  if (operation) return operationName ?? 'anonymous';
  const operations = (document?.definitions ?? []).filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const chosen = request.operationName ? operations.find((o) => o.name?.value === request.operationName) : operations.length === 1 ? operations[0] : undefined;
  return chosen?.name?.value ?? 'anonymous';
}

/** Keeps a label's values to a bounded set, so clients cannot grow the series without end. */
function boundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}

/**
 * Records `crm_graphql_request_duration_seconds{service, operation}` and
 * `crm_graphql_errors_total{service, code}` for every GraphQL request, and names the request's
 * server span (traceRequests) after the operation. The operation label is the operation's name as
 * the parsed document gives it, `anonymous` otherwise; never the query text.
 */
export function requestMetricsPlugin<C extends BaseContext = BaseContext>(service: string): ApolloServerPlugin<C> {
  const operationLabel = boundedLabel(MAX_OPERATION_NAMES);
  const codeLabel = boundedLabel(MAX_CODES);
  return {
    async requestDidStart() {
      const started = performance.now();
      // The server span traceRequests opened; the gateway's own spans start later, under it.
      const span = trace.getActiveSpan();
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!span || !operation) return;
          span.updateName(`${operation.operation} ${operationName ?? 'anonymous'}`);
          span.setAttributes({ 'graphql.operation.type': operation.operation, 'graphql.operation.name': operationName ?? 'anonymous' });
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = codeOf(error);
            requestErrors.inc({ service, code: codeLabel(code) });
            span?.addEvent('graphql.error', { 'graphql.error.code': code });
            if (code === 'INTERNAL_SERVER_ERROR') span?.setStatus({ code: SpanStatusCode.ERROR, message: 'internal error' });
          }
        },
        async willSendResponse(requestContext) {
          const operation = operationLabel(operationNameOf(requestContext));
          requestDuration.observe({ service, operation }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** `GET /metrics`: everything registered with prom-client's default registry, in Prometheus' text format. */
export const serveMetrics: RequestHandler = async (_req, res) => {
  res.type(register.contentType).send(await register.metrics());
};
