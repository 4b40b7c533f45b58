// What the browser knows about the network and the page before the connection does.

export interface BrowserSignals {
  /** The network is back: stop waiting out a retry delay. */
  online(): void;
  /** The network is gone: a silent WebSocket would take long to notice. */
  offline(): void;
  /** The page is visible again, e.g. a phone woke up. */
  visible(): void;
}

/** Listens until the returned function is called; does nothing outside a browser. */
export function watchBrowser(signals: BrowserSignals): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onOnline = () => {
    signals.online();
  };
  const onOffline = () => {
    signals.offline();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') signals.visible();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
