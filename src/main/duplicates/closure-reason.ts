// Reading Boston's closure reasons: was a case closed as a duplicate, and
// which case do staff say is the original?
//
// The reasons are free text after a fixed prefix, for example
//   "Case Closed Duplicate of Existing Case 101001241331"
//   "Case Closed Duplicate of Existing Case %1240827"
//   "Case Closed. Closed date : 2015-04-02 ... Case Resolved duplicate case
//    (see case #101001357938"
//   "Case Closed Duplicate of Existing Case Same as #1285517."
//
// A case id is 12 digits and every 2013-2015 id starts "10100", so staff
// often type only the last 7 digits, with or without "%" or "#". Hence:
//   - a run of exactly 12 digits starting "10100" is a full id;
//   - a run of exactly 7 digits is the short form: "10100" + the digits;
//   - "%" and 6 digits is the short form with its leading zero dropped
//     (pad to 7), which is how the "%" form prints older ids.
// Everything else is left alone on purpose: the 6-digit "crm #233430"
// numbers belong to the old CRM and work-order system, not to cases; 11
// and 13 digit runs are 12-digit ids with a digit lost or doubled, which
// cannot be repaired safely; phone numbers and dates are split by "-", "/"
// and ":" into shorter runs and never match.

const ID_PREFIX = '10100';
const DIGIT_RUN = /(%?)(?<!\d)(\d+)(?!\d)/g;

/** True when the reason says the case was closed as a duplicate. */
export function isDuplicateClosure(reason: string | null): boolean {
  // "Duplicate of Existing Case", but also "duplicate case", "Duplicated
  // Case.", "Duplicate CRM" under other closure codes.
  return reason !== null && /duplicat/i.test(reason);
}

/** Every case id the reason names, in the order written, each once. */
export function namedCaseIds(reason: string | null): string[] {
  const ids: string[] = [];

  for (const match of (reason ?? '').matchAll(DIGIT_RUN)) {
    const percent = match[1] === '%';
    const digits = match[2] ?? '';

    if (digits.length === 12 && digits.startsWith(ID_PREFIX)) {
      ids.push(digits);
    } else if (digits.length === 7 || (percent && digits.length === 6)) {
      ids.push(ID_PREFIX + digits.padStart(7, '0'));
    }
  }

  return [...new Set(ids)];
}

/**
 * The original a duplicate's closure reason names: the first named id that
 * is not the case itself and that `isKnown` accepts (e.g. is in the file),
 * or null when the case was not closed as a duplicate or names none.
 */
export function namedOriginal(
  caseId: string,
  reason: string | null,
  isKnown: (id: string) => boolean = () => true,
): string | null {
  if (!isDuplicateClosure(reason)) return null;

  const named = namedCaseIds(reason).find((id) => id !== caseId && isKnown(id));

  return named ?? null;
}
