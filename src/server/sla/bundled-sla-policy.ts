// The policy the server starts with: the defaults derived from Boston's
// 2015 due times (resources/sla/README.md says how).
import bundled from '../../../resources/sla/sla-policy.json';
import { parseSlaPolicy } from './sla-policy-file';
import type { SlaPolicy } from './sla-rule';

export function bundledSlaPolicy(): SlaPolicy {
  return parseSlaPolicy(bundled, 'resources/sla/sla-policy.json');
}
