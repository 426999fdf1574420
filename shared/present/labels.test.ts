import { describe, expect, it } from 'vitest';
import { errorCodeText, probeErrorText } from './labels';
import { PROBE_NOTE_TEXTS, probeNoteText, probeStepLabel } from './notes';

describe('labels', () => {
  it('says a raw error in Chinese by its code, and the code once', () => {
    const reset = { code: 'ECONNRESET', syscall: 'read', message: 'read ECONNRESET' };
    expect(probeErrorText(reset, 'zh')).toBe('连接被重置（ECONNRESET）');
    expect(probeErrorText(reset, 'en')).toBe('read ECONNRESET');
    const openssl = {
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
      syscall: null,
      message: '808C8C13407F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number',
    };
    expect(probeErrorText(openssl, 'en')).toBe('ERR_SSL_WRONG_VERSION_NUMBER wrong version number');
    expect(probeErrorText(openssl, 'zh')).toBe('对方回的不是 TLS（ERR_SSL_WRONG_VERSION_NUMBER）');
    const timeout = {
      code: 'WXPROBE_TIMEOUT',
      syscall: 'connect',
      message: 'TCP connect: no answer within 5000 ms',
    };
    expect(probeErrorText(timeout, 'zh')).toBe('超时：5000 ms 内没有回应（WXPROBE_TIMEOUT）');
    expect(probeErrorText(timeout, 'en')).toBe('TCP connect: no answer within 5000 ms');
    expect(errorCodeText('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'zh')).toBe(
      'TLS 告警 protocol_version（ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION）',
    );
    expect(probeErrorText({ code: 'EWHATEVER', syscall: null, message: 'odd thing' }, 'zh')).toBe(
      'EWHATEVER odd thing',
    );
    expect(probeErrorText(null, 'zh')).toBe('');
  });

  it('says progress notes and step names by code, unknown ones passing through', () => {
    for (const [code, text] of Object.entries(PROBE_NOTE_TEXTS)) {
      expect(probeNoteText({ note: code, detail: 'x' }, 'zh')).toBe(text.zh);
      expect(probeNoteText({ note: code }, 'en')).toBe(text.en);
    }
    expect(probeNoteText({ detail: 'refused: loopback 127.0.0.0/8' }, 'zh')).toBe(
      'refused: loopback 127.0.0.0/8',
    );
    expect(probeNoteText({}, 'zh')).toBeNull();
    expect(probeStepLabel('tcp', 'zh')).toBe('TCP 连接');
    expect(probeStepLabel('versions', 'en')).toBe('versions');
  });
});
