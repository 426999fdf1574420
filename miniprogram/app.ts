/**
 * wxprobe mini-program: measures HTTPS requests inside WeChat and shows why they fail, next to what
 * a probe server sees from outside. Pages are built with Component() (WeChat allows it; the tests'
 * simulator needs it). All state lives in wx storage (settings, run configuration, history).
 */
App({});
