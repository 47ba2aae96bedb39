import { describe, expect, it } from 'vitest';

import {
  installerFeedUrl,
  resolveFeedUrl,
  type FeedInputs,
} from '../../../src/main/update/feed-url';

const none: FeedInputs = {
  policyText: null,
  argv: [],
  env: {},
  installerUrl: null,
};

describe("the city's update address", () => {
  it('takes the policy file first, then the switch, the environment, the installer', () => {
    const all: FeedInputs = {
      policyText: '{"feedUrl": "https://policy.city.example/sd/"}',
      argv: ['--update-url=https://switch.city.example/sd/'],
      env: { STREETDESK_UPDATE_URL: 'https://env.city.example/sd/' },
      installerUrl: 'https://built.city.example/sd/',
    };
    expect(resolveFeedUrl(all)).toEqual({
      url: 'https://policy.city.example/sd/',
      source: 'policy file',
    });
    expect(resolveFeedUrl({ ...all, policyText: null })).toMatchObject({
      source: 'command line',
    });
    expect(
      resolveFeedUrl({ ...all, policyText: null, argv: [] }),
    ).toMatchObject({ source: 'environment' });
    expect(
      resolveFeedUrl({
        ...none,
        installerUrl: 'https://built.city.example/sd/',
      }),
    ).toMatchObject({ source: 'installer' });
  });

  it('lets IT turn updates off in the policy file', () => {
    expect(
      resolveFeedUrl({
        ...none,
        policyText: '{"enabled": false}',
        env: { STREETDESK_UPDATE_URL: 'https://env.city.example/' },
      }),
    ).toEqual({
      url: null,
      reason: 'Updates are managed by your IT department.',
    });
  });

  it('ignores the build placeholder and says how to set an address', () => {
    const choice = resolveFeedUrl({
      ...none,
      installerUrl: 'https://updates.invalid/streetdesk/',
    });
    expect(choice.url).toBeNull();
    expect('reason' in choice && choice.reason).toMatch(/update-policy\.json/);
  });

  it('refuses addresses that are not http(s), or carry a password, or bad JSON', () => {
    for (const inputs of [
      { ...none, policyText: '{"feedUrl": "file:///etc/passwd"}' },
      { ...none, argv: ['--update-url=https://it:secret@city.example/'] },
      { ...none, policyText: '{ not json' },
      { ...none, env: { STREETDESK_UPDATE_URL: 'javascript:alert(1)' } },
    ]) {
      const choice = resolveFeedUrl(inputs);
      expect(choice.url).toBeNull();
      expect('reason' in choice && choice.reason).toMatch(/^Updates are off: /);
    }
  });

  it("reads the url from electron-builder's app-update.yml", () => {
    expect(
      installerFeedUrl(
        'provider: generic\nurl: https://it.city.example/sd/\nupdaterCacheDirName: streetdesk-updater\n',
      ),
    ).toBe('https://it.city.example/sd/');
    expect(installerFeedUrl(null)).toBeNull();
  });
});
