/**
 * wx storage that never throws: a failed read is "nothing stored"; a failed write says why, in
 * WeChat's own words (`…exceed storage max size 10Mb`, `…entry size limit reached`), so callers can
 * make room or tell the user instead of losing data silently.
 */
export type WriteResult = { ok: true } | { ok: false; errMsg: string };

export function readStored(key: string): unknown {
  try {
    const value: unknown = wx.getStorageSync(key);
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): WriteResult {
  try {
    wx.setStorageSync(key, value);
    return { ok: true };
  } catch (error) {
    return { ok: false, errMsg: error instanceof Error ? error.message : String(error) };
  }
}

export function removeStored(key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing to do: the key stays, and is overwritten next time.
  }
}
