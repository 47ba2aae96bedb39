import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzipFile(path: string): Promise<boolean> {
  const file = await open(path, 'r');

  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await file.read(head, 0, 2, 0);

    return (
      bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
    );
  } finally {
    await file.close();
  }
}

/**
 * The UTF-8 text of a file as chunks, gunzipped on the fly when the file
 * is gzip (recognised by its first bytes, whatever its name).
 */
export async function* readTextChunks(path: string): AsyncGenerator<string> {
  const gzip = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const stream: Readable = gzip
    ? pipeline(file, createGunzip(), () => {
        // Errors reach the reader through the gunzip stream itself.
      })
    : file;
  const decoder = new StringDecoder('utf8');

  try {
    for await (const buffer of stream) {
      const text = decoder.write(buffer as Buffer);
      if (text.length > 0) yield text;
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    stream.destroy();
    file.destroy();
  }
}
