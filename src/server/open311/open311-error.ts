/** One entry of an Open311 error answer: `[{code, description}]`. */
export type Open311ErrorEntry = { code: number; description: string };

/**
 * A request the endpoints refuse, with every problem found. Thrown by the
 * parsers and turned into a 4xx answer by the handler.
 */
export class Open311Error extends Error {
  readonly status: number;
  readonly problems: string[];

  constructor(status: number, problems: string[]) {
    super(problems.join('; '));
    this.status = status;
    this.problems = problems;
  }

  entries(): Open311ErrorEntry[] {
    return this.problems.map((description) => ({
      code: this.status,
      description,
    }));
  }
}

/** Shortens hostile or huge input before it is echoed in an error. */
export function quote(text: string, max = 40): string {
  const shown = text.length > max ? `${text.slice(0, max)}...` : text;

  return JSON.stringify(shown);
}
