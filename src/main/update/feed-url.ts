// Where the console looks for updates: the address the city's IT sets.
// In order, the first that is set wins:
//   1. update-policy.json in the user-data folder: {"feedUrl": "https://..."}
//      or {"enabled": false} to leave updates to the city's own tools;
//   2. the command-line switch --update-url=https://...;
//   3. the environment variable STREETDESK_UPDATE_URL;
//   4. the address the installer was built with (app-update.yml), unless
//      it is the build's placeholder.

export const UPDATE_POLICY_FILE = 'update-policy.json';

export type FeedSource =
  'policy file' | 'command line' | 'environment' | 'installer';

export type FeedChoice =
  { url: string; source: FeedSource } | { url: null; reason: string };

export type FeedInputs = {
  /** The policy file's text, or null when there is none. */
  policyText: string | null;
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** The url from app-update.yml, or null. */
  installerUrl: string | null;
};

const PLACEHOLDER_HOST = 'updates.invalid';

function checkUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`the update address in ${where} is not a URL: "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `the update address in ${where} must start with https:// or http://`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error(`the update address in ${where} must not carry a password`);
  }

  return parsed.href;
}

export function resolveFeedUrl(inputs: FeedInputs): FeedChoice {
  try {
    return choose(inputs);
  } catch (error) {
    return {
      url: null,
      reason: `Updates are off: ${(error as Error).message}. Ask IT to fix it.`,
    };
  }
}

function choose(inputs: FeedInputs): FeedChoice {
  if (inputs.policyText !== null) {
    let policy: unknown;
    try {
      policy = JSON.parse(inputs.policyText);
    } catch {
      throw new Error(`${UPDATE_POLICY_FILE} is not valid JSON`);
    }
    const { enabled, feedUrl } = (policy ?? {}) as Record<string, unknown>;
    if (enabled === false) {
      return {
        url: null,
        reason: 'Updates are managed by your IT department.',
      };
    }
    if (typeof feedUrl === 'string') {
      return {
        url: checkUrl(feedUrl, UPDATE_POLICY_FILE),
        source: 'policy file',
      };
    }
  }

  const switchValue = inputs.argv
    .find((arg) => arg.startsWith('--update-url='))
    ?.slice('--update-url='.length);
  if (switchValue) {
    return {
      url: checkUrl(switchValue, '--update-url'),
      source: 'command line',
    };
  }

  const fromEnv = inputs.env.STREETDESK_UPDATE_URL?.trim();
  if (fromEnv) {
    return {
      url: checkUrl(fromEnv, 'STREETDESK_UPDATE_URL'),
      source: 'environment',
    };
  }

  if (
    inputs.installerUrl !== null &&
    !inputs.installerUrl.includes(PLACEHOLDER_HOST)
  ) {
    return {
      url: checkUrl(inputs.installerUrl, 'app-update.yml'),
      source: 'installer',
    };
  }

  return {
    url: null,
    reason:
      'No update server is set. IT can set one in update-policy.json ' +
      'in the StreetDesk data folder.',
  };
}

/** The url line of electron-builder's app-update.yml. */
export function installerFeedUrl(appUpdateYml: string | null): string | null {
  if (appUpdateYml === null) return null;
  const line = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(appUpdateYml);

  return line?.[1] ?? null;
}
