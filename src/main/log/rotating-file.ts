// An append-only log file that rolls over when it grows too big:
// streetdesk.log -> streetdesk.log.1 -> ... -> streetdesk.log.<keep>.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';

export type RotatingFileOptions = {
  path: string;
  maxBytes: number;
  /** How many rolled-over files to keep besides the current one. */
  keep: number;
};

export type RotatingFile = {
  append(line: string): void;
  readonly path: string;
};

export function openRotatingFile(options: RotatingFileOptions): RotatingFile {
  const { path, maxBytes, keep } = options;
  mkdirSync(dirname(path), { recursive: true });
  let size = existsSync(path) ? statSync(path).size : 0;

  const rotate = () => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index -= 1) {
      if (existsSync(`${path}.${index}`)) {
        renameSync(`${path}.${index}`, `${path}.${index + 1}`);
      }
    }
    if (keep > 0) renameSync(path, `${path}.1`);
    else rmSync(path, { force: true });
    size = 0;
  };

  return {
    path,
    append(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();

      // Synchronous on purpose: the last lines before a crash are the ones
      // an operator needs, and a line is a few hundred bytes.
      appendFileSync(path, line);
      size += bytes;
    },
  };
}
