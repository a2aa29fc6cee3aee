import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ErrorInfo } from '../lib/messaging/model';
import { ErrorNotice, Skeleton } from './status-views';

/**
 * A screen loaded on first use, so the side panel's first paint (lookup, customer) stays within its
 * bundle budget. Loading from the extension package takes a few milliseconds; a skeleton covers them.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<ErrorInfo | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (View) return;
      pending ??= load();
      pending.then(
        (component) => {
          loaded = component;
          setView(() => component);
        },
        (caught: unknown) => {
          pending = undefined;
          setError(errorInfoOf(caught));
        },
      );
    }, [attempt]);
    if (View) return <View {...props} />;
    const retry = () => {
      setError(null);
      setAttempt(attempt + 1);
    };
    if (error) return <ErrorNotice error={error} onRetry={retry} />;
    return <Skeleton label={t('panel.app.opening')} />;
  };
}
