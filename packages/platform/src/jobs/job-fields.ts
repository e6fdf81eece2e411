/**
 * The names of a subgraph's job root fields. A job's state lives in the subgraph whose rule it
 * runs, and federation routes a root field to one subgraph, so each subgraph's fields carry its
 * name: `customersJob`, `customersJobs`, `runCustomersJob`. The compose script fills jobs.graphql
 * with the same names.
 */
export function jobFieldNames(subgraph: string) {
  const camel = subgraph.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const pascal = camel.charAt(0).toUpperCase() + camel.slice(1);
  return { job: `${camel}Job`, jobs: `${camel}Jobs`, run: `run${pascal}Job`, camel, pascal };
}
