/** wx storage that never throws: a failed read is "nothing stored", a failed write returns false. */
export function readStored(key: string): unknown {
  try {
    const value: unknown = wx.getStorageSync(key);
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): boolean {
  try {
    wx.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing to do: the key stays, and is overwritten next time.
  }
}
