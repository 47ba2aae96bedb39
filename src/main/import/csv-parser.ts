/** One CSV record and the physical file line where it starts. */
export type CsvRecord = {
  line: number;
  fields: string[];
  /** Why the record is malformed, or null; its fields are a best guess. */
  error: string | null;
};

export type CsvParserOptions = {
  /** A record longer than this is dropped (an unclosed quote, usually). */
  maxRecordChars?: number;
};

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterQuoted,
  SkipToLineEnd,
}

/**
 * An incremental RFC 4180 parser: feed it text chunks of any size with
 * `push`, then call `finish`. Handles quoted fields with commas, doubled
 * quotes and line breaks, CRLF or LF line ends, a leading BOM, and blank
 * lines (skipped). Malformed records come back with an `error` instead of
 * stopping the parse, so one bad row never costs the good ones.
 */
export class CsvParser {
  private readonly maxRecordChars: number;
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private error: string | null = null;
  private recordChars = 0;
  private hasContent = false;
  private line = 1;
  private recordLine = 1;
  private previousWasCr = false;
  private atStart = true;

  constructor(options: CsvParserOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? 1_000_000;
  }

  push(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let i = 0;

    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }

    while (i < chunk.length) {
      i = this.step(chunk, i, records);
    }

    return records;
  }

  finish(): CsvRecord[] {
    const records: CsvRecord[] = [];

    if (this.state === State.Quoted) {
      this.flagError(
        `a quoted field opened on line ${this.recordLine} is never closed; ` +
          'the rest of the file was read into it',
      );
    }
    if (this.state !== State.SkipToLineEnd && this.hasContent) {
      this.endRecord(records);
    }

    return records;
  }

  /** Consumes input from `i`; returns where the next step starts. */
  private step(chunk: string, i: number, out: CsvRecord[]): number {
    const c = chunk.charCodeAt(i);

    switch (this.state) {
      case State.FieldStart:
        if (c === QUOTE) {
          this.begin();
          this.state = State.Quoted;
          return this.consumed(i, 1, out);
        }
        this.state = State.Unquoted;
        return i;

      case State.Unquoted: {
        let j = i;
        while (j < chunk.length) {
          const d = chunk.charCodeAt(j);
          if (d === COMMA || d === QUOTE || d === LF || d === CR) break;
          j += 1;
        }
        if (j > i) {
          this.begin();
          this.field += chunk.slice(i, j);
          return this.consumed(i, j - i, out);
        }
        if (c === QUOTE) {
          this.begin();
          this.flagError(
            'a quote appears inside an unquoted field; quote the whole ' +
              'field and double any quote inside it',
          );
          this.field += '"';
          return this.consumed(i, 1, out);
        }
        return this.delimiter(c, i, out);
      }

      case State.Quoted: {
        const end = chunk.indexOf('"', i);
        const stop = end === -1 ? chunk.length : end;
        const piece = chunk.slice(i, stop);
        this.countLines(piece);
        this.field += piece;
        if (end === -1) {
          return this.consumed(i, stop - i, out, this.previousWasCr);
        }
        this.state = State.QuoteInQuoted;
        return this.consumed(i, stop - i + 1, out);
      }

      case State.QuoteInQuoted:
        if (c === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          return this.consumed(i, 1, out);
        }
        this.state = State.AfterQuoted;
        return i;

      case State.AfterQuoted:
        if (c === COMMA || c === LF || c === CR)
          return this.delimiter(c, i, out);
        this.flagError(
          'text follows a closing quote; a quoted field must end at a ' +
            'comma or line end',
        );
        this.state = State.Unquoted;
        return i;

      case State.SkipToLineEnd:
        if (c === LF || c === CR) {
          this.newLine(c);
          this.state = State.FieldStart;
        } else {
          this.previousWasCr = false;
        }
        return i + 1;
    }
  }

  /** A comma or line end outside quotes. */
  private delimiter(c: number, i: number, out: CsvRecord[]): number {
    if (c === COMMA) {
      this.begin();
      this.fields.push(this.field);
      this.field = '';
      this.state = State.FieldStart;
      return this.consumed(i, 1, out);
    }

    // The LF of a CRLF: the CR already ended the record.
    const secondHalfOfCrLf = c === LF && this.previousWasCr;
    this.newLine(c);
    if (!secondHalfOfCrLf && this.hasContent) this.endRecord(out);
    this.state = State.FieldStart;

    return i + 1;
  }

  private begin(): void {
    if (this.hasContent) return;
    this.hasContent = true;
    this.recordLine = this.line;
  }

  /** Counts `count` characters into the record; the last was a CR or not. */
  private consumed(
    i: number,
    count: number,
    out: CsvRecord[],
    lastWasCr = false,
  ): number {
    this.previousWasCr = lastWasCr;
    this.recordChars += count;
    if (this.recordChars > this.maxRecordChars) {
      this.flagError(
        `the record is longer than ${this.maxRecordChars} characters ` +
          '(an unclosed quote?); it was skipped up to the next line end',
      );
      this.endRecord(out);
      this.state = State.SkipToLineEnd;
    }
    return i + count;
  }

  private newLine(c: number): void {
    if (c === CR || !this.previousWasCr) this.line += 1;
    this.previousWasCr = c === CR;
  }

  private countLines(text: string): void {
    for (let k = 0; k < text.length; k += 1) {
      const c = text.charCodeAt(k);
      if (c === LF || c === CR) this.newLine(c);
      else this.previousWasCr = false;
    }
  }

  private flagError(reason: string): void {
    this.error ??= reason;
  }

  private endRecord(out: CsvRecord[]): void {
    this.fields.push(this.field);
    out.push({ line: this.recordLine, fields: this.fields, error: this.error });
    this.fields = [];
    this.field = '';
    this.error = null;
    this.recordChars = 0;
    this.hasContent = false;
  }
}

/** Parses a stream of text chunks, yielding the records of each chunk. */
export async function* parseCsv(
  chunks: AsyncIterable<string>,
  options?: CsvParserOptions,
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser(options);

  for await (const chunk of chunks) {
    const records = parser.push(chunk);
    if (records.length > 0) yield records;
  }

  const rest = parser.finish();
  if (rest.length > 0) yield rest;
}
