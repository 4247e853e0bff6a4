// ONEX009 metrics — see ./ONEX009.md and shared/spec/rules.md.
// Reports a non-declarative node class with no get_metrics (its own, a same-file base's, or from a
// base whose name contains `Metrics`), or whose get_metrics returns dict literals that lack a
// success-rate key, a failure key or an average-duration key. A get_metrics that returns anything
// but plain dict literals cannot be judged and is not reported.
import type { PyFile } from '../../python/model';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import type { MetricKind } from '../classAnalysis';
import { productionNodeClasses, providesConcern } from '../classRoles';
import { type ClassFindingData, findingClass } from '../classFixContext';
import { EditBuilder } from '../classEdits';
import { type MetricsGap, metricsFix, metricsGap } from './metrics';
import { METRIC_ENTRIES } from '../classTemplates';

export interface Onex009Data extends ClassFindingData {
  gap: MetricsGap;
}

const KIND_WORDS: Record<MetricKind, string> = {
  success_rate: 'a success rate (success_rate)',
  failure: 'a failure count (failed_operations)',
  avg_duration: 'an average duration (avg_duration_ms)',
};

function message(className: string, gap: MetricsGap): string {
  if (gap.kind === 'missing') return `${className} has no get_metrics() method: no operation counts, success rate or durations to monitor`;
  const words = gap.missing.map((k) => KIND_WORDS[k]);
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${className}.get_metrics() lacks ${list}`;
}

export const onex009: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of productionNodeClasses(file)) {
      // A base or mixin (ModelService*, MixinMetrics, a *Metrics* base) gives it its metrics.
      if (providesConcern(file, cls, 'metrics')) continue;
      const gap = metricsGap(file, cls);
      if (!gap) continue;
      const data: Onex009Data = { className: cls.name, gap };
      findings.push({
        ruleId: 'ONEX009',
        message: message(cls.name, gap),
        span: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
        data,
      });
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const cls = findingClass(file, finding);
    if (!cls || cls.isDeclarative) return [];
    const gap = metricsGap(file, cls);
    if (!gap) return [];
    const builder = new EditBuilder();
    if (!metricsFix(file, cls, builder)) return [];
    return [{
      id: gap.kind === 'missing' ? 'add-get-metrics' : 'complete-get-metrics',
      title: gap.kind === 'missing'
        ? `Add get_metrics() with duration, success and failure tracking to ${cls.name}`
        : `Complete ${cls.name}.get_metrics() with ${gap.missing.map((k) => METRIC_ENTRIES[k][0]).join(', ')}`,
      safety: 'unsafe',
      preferred: true,
      edits: builder.build(),
    }];
  },
};
