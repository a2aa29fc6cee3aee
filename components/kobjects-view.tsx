import { formatNumber } from '../lib/i18n/intl';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import type { KObjectGroup } from '../lib/messaging/model';
import { activeConnectionId } from '../lib/ui/current-customer';
import { readableText } from '../lib/ui/format';
import { useLoad } from './hooks/use-load';
import { useReloadWhenSent } from './hooks/use-reload-when-sent';
import { LongText } from './long-text';
import { useRouter } from './router-context';
import { EmptyState, ErrorNotice, Skeleton, TimeText } from './status-views';
import { tNodes } from './t-nodes';
import { identityText, UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** The customer's and their company's custom objects (orders, subscriptions…), grouped by klass. */
export function KObjectsView(props: {
  customerId: string;
  companyId?: string | undefined;
  customerName: string;
  /** A KObject a search found by its external id: marked and scrolled to. */
  kobjectId?: string | undefined;
}) {
  const { customerId, companyId, customerName, kobjectId } = props;
  const router = useRouter();
  const groups = useLoad(
    () =>
      request('listKObjects', { connectionId: activeConnectionId(), customerId, ...(companyId ? { companyId } : {}) }),
    [customerId, companyId],
  );
  useReloadWhenSent(
    (item) => item.request.kind === 'createKObject' && item.request.customerId === customerId,
    groups.reload,
  );
  let body: preact.ComponentChildren;
  if (groups.status === 'loading' && !groups.data) body = <Skeleton label={t('panel.kobjects.loading')} lines={4} />;
  else if (groups.status === 'error') body = <ErrorNotice error={groups.error} onRetry={groups.reload} />;
  else if (!groups.data || groups.data.every((group) => group.items.length === 0)) {
    body = <EmptyState title={t('panel.kobjects.empty', { name: identityText(customerName) })} />;
  } else
    body = groups.data
      .filter((group) => group.items.length > 0)
      .map((group) => <KObjectSection key={`${group.owner}-${group.klassName}`} group={group} found={kobjectId} />);
  return (
    <>
      <ViewHeading>{tNodes('panel.kobjects.heading', { name: <UserText text={customerName} identity /> })}</ViewHeading>
      <p>
        <button type="button" onClick={() => router.navigate({ name: 'newKObject', customerId, customerName })}>
          {t('panel.kobjects.create')}
        </button>
      </p>
      {body}
    </>
  );
}

function KObjectSection({ group, found }: { group: KObjectGroup; found?: string | undefined }) {
  const headingId = `klass-${group.owner}-${group.klassName}`;
  return (
    <section class="section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {group.klassLabel}{' '}
        <span class="hint">
          {t(group.owner === 'company' ? 'panel.kobjects.ofCompany' : 'panel.kobjects.ofCustomer', {
            count: formatNumber(group.items.length),
          })}
        </span>
      </h3>
      <ul class="cards">
        {group.items.map((item) => (
          <li
            key={item.id}
            class="card"
            aria-current={item.id === found || undefined}
            ref={item.id === found ? (element) => element?.scrollIntoView?.({ block: 'nearest' }) : undefined}
          >
            <p class="card-title">
              <UserText text={item.title} />
            </p>
            {item.id === found && <p class="notice">{t('panel.kobjects.foundByExternalId')}</p>}
            {item.description && <LongText text={item.description} />}
            {item.fields.length > 0 && (
              <dl class="card-fields">
                {item.fields.map((field) => (
                  <div key={field.label}>
                    <dt>{field.label}</dt>
                    <dd>
                      <UserText text={readableText(field.value)} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {item.updatedAt && (
              <p class="hint">
                <TimeText iso={item.updatedAt} prefix={t('panel.kobjects.updated')} />
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
