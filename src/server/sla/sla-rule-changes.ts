// An admin's SLA rule changes outlive the process: each is saved in the
// central store when made, and put back over the bundled policy when the
// server starts. A saved rule that no longer reads is left out, and said.
import type { Logger } from '../../main/log/logger';
import type { CentralReads } from '../storage/central-store';
import type { SlaPolicyBook } from './sla-policy-book';
import { slaRuleSchema } from './sla-rule';

/** Applies the saved changes to `book`; returns how many it applied. */
export async function restoreSlaRuleChanges(
  store: Pick<CentralReads, 'listSlaRuleChanges'>,
  book: SlaPolicyBook,
  logger: Logger,
): Promise<number> {
  let restored = 0;
  for (const change of await store.listSlaRuleChanges()) {
    let rule: unknown;
    try {
      rule = JSON.parse(change.rule);
    } catch {
      rule = null;
    }
    const parsed = slaRuleSchema.safeParse(rule);
    if (!parsed.success) {
      logger.warn('a saved SLA rule no longer reads; the bundled one stays', {
        serviceCode: change.serviceCode,
        changedBy: change.changedBy,
      });
      continue;
    }
    book.setRule(change.serviceCode, parsed.data, change.serviceName);
    restored += 1;
  }
  return restored;
}
