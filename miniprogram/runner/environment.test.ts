import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeWx, type FakeEnvironment } from '../test/fake-wx';
import { readEnvironment } from './environment';

function install(environment: FakeEnvironment) {
  vi.stubGlobal('wx', createFakeWx(() => ({ hang: true }), environment).wx);
}

afterEach(() => vi.unstubAllGlobals());

describe('readEnvironment', () => {
  it('reads the split APIs: devtools platform, base library, WeChat version, build, debug', async () => {
    install({
      appBaseInfo: { SDKVersion: '3.7.1', version: '8.0.5', enableDebug: true },
      deviceInfo: { platform: 'devtools', model: 'iPhone X', system: 'iOS 10.0.1', brand: 'devtools' },
      accountInfo: { miniProgram: { appId: 'wx1234567890abcdef', envVersion: 'trial', version: '' } },
      networkType: '4g',
    });
    expect(await readEnvironment()).toEqual({
      platform: 'devtools',
      SDKVersion: '3.7.1',
      version: '8.0.5',
      networkType: '4g',
      envVersion: 'trial',
      enableDebug: true,
      model: 'iPhone X',
      system: 'iOS 10.0.1',
      brand: 'devtools',
      appId: 'wx1234567890abcdef',
    });
  });

  it('falls back to getSystemInfoSync on an old base library', async () => {
    install({
      appBaseInfo: null,
      deviceInfo: null,
      systemInfo: {
        platform: 'android',
        SDKVersion: '2.10.4',
        version: '7.0.12',
        model: 'MI 8',
        system: 'Android 9',
        brand: 'Xiaomi',
      },
    });
    expect(await readEnvironment()).toMatchObject({
      platform: 'android',
      SDKVersion: '2.10.4',
      version: '7.0.12',
      model: 'MI 8',
      enableDebug: false,
      envVersion: 'develop',
    });
  });

  it('says unknown rather than guessing when WeChat tells nothing', async () => {
    install({ appBaseInfo: null, deviceInfo: null, systemInfo: null, accountInfo: null, networkType: '' });
    expect(await readEnvironment()).toEqual({
      platform: 'unknown',
      SDKVersion: 'unknown',
      version: 'unknown',
      networkType: 'unknown',
      envVersion: 'unknown',
      enableDebug: false,
    });
  });
});
