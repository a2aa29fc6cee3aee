/** Build flavour injected by wxt.config.ts: "test" builds may reach the local sandbox. */
declare const __KS_FLAVOUR__: 'production' | 'test';
