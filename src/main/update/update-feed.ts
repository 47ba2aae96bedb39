// The update feed in plain Node: ask the city's server for latest.yml, and
// download a release file while hashing it, keeping it only when its sha512
// and size match what latest.yml published.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { FeedFormatError, parseLatestYml, type FeedFile } from './latest-yml';
import { checksumMessage, unreachable, UpdateError } from './update-errors';
import { compareVersions, isVersion } from './version-order';

export type FeedCheck =
  | { available: false; latestVersion: string }
  | { available: true; version: string; file: FeedFile };

export type FeedOptions = {
  /** The folder latest.yml is served from, e.g. https://it.city.example/sd/ */
  feedUrl: string;
  /** latest.yml on Windows, latest-linux.yml, latest-mac.yml. */
  channelFile?: string;
  fetch?: typeof fetch;
};

export function channelFileFor(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return 'latest-linux.yml';

  return 'latest.yml';
}

const folderOf = (url: string) => (url.endsWith('/') ? url : `${url}/`);

async function get(url: string, feedUrl: string, fetcher: typeof fetch) {
  let response: Response;
  try {
    response = await fetcher(url, { redirect: 'follow' });
  } catch (error) {
    throw unreachable(feedUrl, error);
  }
  if (!response.ok) {
    throw new UpdateError(
      `The update server at ${feedUrl} answered HTTP ${response.status} for ` +
        `${basename(new URL(url).pathname)}; ask IT to check the update address.`,
      'http',
    );
  }

  return response;
}

/** Asks the feed whether a release newer than currentVersion is out. */
export async function checkFeed(
  options: FeedOptions & { currentVersion: string },
): Promise<FeedCheck> {
  const fetcher = options.fetch ?? fetch;
  const feed = folderOf(options.feedUrl);
  const channel = options.channelFile ?? 'latest.yml';
  const response = await get(new URL(channel, feed).href, feed, fetcher);

  let release;
  try {
    release = parseLatestYml(await response.text());
  } catch (error) {
    if (error instanceof FeedFormatError) {
      throw new UpdateError(error.message, 'feed');
    }
    throw error;
  }
  if (!isVersion(release.version)) {
    throw new UpdateError(
      `The update feed names version "${release.version}", which is not a ` +
        'version number; ask IT to publish it again.',
      'feed',
    );
  }

  if (compareVersions(release.version, options.currentVersion) <= 0) {
    return { available: false, latestVersion: release.version };
  }
  const [file] = release.files;

  return { available: true, version: release.version, file: file! };
}

export type Progress = {
  percent: number;
  transferredBytes: number;
  totalBytes: number;
};

/**
 * Downloads a release file into dir. The file only gets its final name
 * once its sha512 and size match; otherwise it is deleted and an
 * UpdateError with code 'checksum' or 'size' is thrown.
 */
export async function downloadVerified(
  options: FeedOptions & {
    version: string;
    file: FeedFile;
    dir: string;
    onProgress?: (progress: Progress) => void;
  },
): Promise<string> {
  const fetcher = options.fetch ?? fetch;
  const feed = folderOf(options.feedUrl);
  const url = new URL(options.file.url, feed);
  const name = basename(decodeURIComponent(url.pathname));
  await mkdir(options.dir, { recursive: true });
  const partial = join(options.dir, `${name}.partial`);
  const final = join(options.dir, name);

  const response = await get(url.href, feed, fetcher);
  if (response.body === null) {
    throw new UpdateError(
      'The update server sent an empty answer.',
      'download',
    );
  }
  const header = Number(response.headers.get('content-length'));
  const totalBytes =
    options.file.size ?? (Number.isFinite(header) && header > 0 ? header : 0);

  const hash = createHash('sha512');
  let transferredBytes = 0;
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    transferredBytes += chunk.length;
    options.onProgress?.({
      transferredBytes,
      totalBytes,
      percent:
        totalBytes > 0
          ? Math.min(100, (transferredBytes / totalBytes) * 100)
          : 0,
    });
  });

  try {
    await pipeline(body, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw new UpdateError(
      `The download of update ${options.version} was interrupted ` +
        `(${error instanceof Error ? error.message : String(error)}); ` +
        'StreetDesk will try again later.',
      'download',
    );
  }

  const problem =
    options.file.size !== null && transferredBytes !== options.file.size
      ? new UpdateError(
          `Update ${options.version} arrived with ${transferredBytes} bytes ` +
            `where the update server published ${options.file.size}; it was ` +
            'thrown away and will not be installed.',
          'size',
        )
      : hash.digest('base64') !== options.file.sha512
        ? new UpdateError(checksumMessage(options.version), 'checksum')
        : null;
  if (problem !== null) {
    await rm(partial, { force: true });
    throw problem;
  }

  await rename(partial, final);

  return final;
}

/** The sha512 of a file on disk, base64 as latest.yml writes it. */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(path), hash);

  return hash.digest('base64');
}
