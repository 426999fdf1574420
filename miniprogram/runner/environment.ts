/**
 * Where the attempts ran: platform, base library, WeChat version, device, network type, which build
 * (develop/trial/release) and whether debug mode is on. Prefers the newer split APIs
 * (getAppBaseInfo / getDeviceInfo, base library 2.20.1+) and falls back to getSystemInfoSync.
 */
/** The env fields of wxprobe.client/1 read here (the domain check is detected separately). */
export type EnvironmentReading = {
  platform: string;
  SDKVersion: string;
  version: string;
  networkType: string;
  envVersion: string;
  enableDebug: boolean;
  model?: string;
  system?: string;
  brand?: string;
  appId?: string;
  /** wx.getNetworkType: a system proxy is on (WeChat 8.0.17+), and the signal strength where given */
  hasSystemProxy?: boolean;
  signalStrength?: number;
};

type NetworkReading = { networkType: string; hasSystemProxy?: boolean; signalStrength?: number };

const UNKNOWN = 'unknown';

/** A wx getter that may be missing on an old base library or throw in an odd host. */
function read<T>(getter: (() => T) | undefined): T | undefined {
  if (typeof getter !== 'function') return undefined;
  try {
    return getter();
  } catch {
    return undefined;
  }
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;
}

export function readNetwork(): Promise<NetworkReading> {
  return new Promise((resolve) => {
    try {
      wx.getNetworkType({
        success: (res) => {
          const raw = res as unknown as Record<string, unknown>;
          const reading: NetworkReading = { networkType: res.networkType };
          if (typeof raw.hasSystemProxy === 'boolean') reading.hasSystemProxy = raw.hasSystemProxy;
          if (typeof raw.signalStrength === 'number' && Number.isFinite(raw.signalStrength))
            reading.signalStrength = raw.signalStrength;
          resolve(reading);
        },
        fail: () => resolve({ networkType: UNKNOWN }),
      });
    } catch {
      resolve({ networkType: UNKNOWN });
    }
  });
}

// Promise chains, not async/await, in this package: see miniprogram/README.md (package size).
export function readEnvironment(): Promise<EnvironmentReading> {
  return readNetwork().then((network) => environmentWith(network));
}

function environmentWith(network: Awaited<ReturnType<typeof readNetwork>>): EnvironmentReading {
  const base = read(wx.getAppBaseInfo && (() => wx.getAppBaseInfo()));
  const device = read(wx.getDeviceInfo && (() => wx.getDeviceInfo()));
  const system = base && device ? undefined : read(wx.getSystemInfoSync && (() => wx.getSystemInfoSync()));
  const account = read(wx.getAccountInfoSync && (() => wx.getAccountInfoSync()));
  const networkType = network.networkType;

  const env: EnvironmentReading = {
    platform: text(device?.platform ?? system?.platform, 64) ?? UNKNOWN,
    SDKVersion: text(base?.SDKVersion ?? system?.SDKVersion, 64) ?? UNKNOWN,
    version: text(base?.version ?? system?.version, 64) ?? UNKNOWN,
    networkType: text(networkType, 32) ?? UNKNOWN,
    envVersion: text(account?.miniProgram.envVersion, 32) ?? UNKNOWN,
    enableDebug: (base?.enableDebug ?? system?.enableDebug) === true,
  };
  const model = text(device?.model ?? system?.model, 128);
  const osName = text(device?.system ?? system?.system, 128);
  const brand = text(device?.brand ?? system?.brand, 128);
  const appId = text(account?.miniProgram.appId, 64);
  if (model) env.model = model;
  if (osName) env.system = osName;
  if (brand) env.brand = brand;
  if (appId) env.appId = appId;
  if (network.hasSystemProxy !== undefined) env.hasSystemProxy = network.hasSystemProxy;
  if (network.signalStrength !== undefined) env.signalStrength = network.signalStrength;
  return env;
}
