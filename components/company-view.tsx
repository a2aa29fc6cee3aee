import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { activeConnectionId } from '../lib/ui/current-customer';
import { AttributeList } from './attribute-list';
import { CustomerResult } from './customer-result';
import { useLoad } from './hooks/use-load';
import { Avatar, EmptyState, ErrorNotice, Skeleton } from './status-views';
import { UserText } from './user-text';
import { ViewHeading } from './view-heading';

/** A company: domains, tags, custom attributes (editable, as a customer's are) and its customers. */
export function CompanyView({ companyId }: { companyId: string }) {
  const company = useLoad(() => request('getCompany', { connectionId: activeConnectionId(), companyId }), [companyId]);
  if (company.status === 'loading' && !company.data) {
    return (
      <>
        <ViewHeading>{t('panel.company.heading')}</ViewHeading>
        <Skeleton label={t('panel.company.loading')} lines={4} />
      </>
    );
  }
  if (company.status === 'error' || !company.data) {
    return (
      <>
        <ViewHeading>{t('panel.company.heading')}</ViewHeading>
        {company.status === 'error' && <ErrorNotice error={company.error} onRetry={company.reload} />}
      </>
    );
  }
  const data = company.data;
  return (
    <>
      <div class="customer-head">
        <Avatar name={data.name} />
        <ViewHeading>
          <UserText text={data.name} identity />
        </ViewHeading>
      </div>
      <dl class="facts">
        {data.domains.length > 0 && (
          <div>
            <dt>{t('panel.company.domains')}</dt>
            <dd>
              <UserText text={data.domains.join(', ')} identity />
            </dd>
          </div>
        )}
        {data.tags.length > 0 && (
          <div>
            <dt>{t('panel.company.tags')}</dt>
            <dd class="chips">
              {data.tags.map((tag) => (
                <span key={tag} class="badge">
                  <UserText text={tag} />
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <section class="section" aria-labelledby="company-attributes-title">
        <h3 id="company-attributes-title">{t('panel.company.attributes')}</h3>
        <AttributeList owner={{ companyId: data.id }} attributes={data.custom} />
      </section>
      <section class="section" aria-labelledby="company-customers-title">
        <h3 id="company-customers-title">{t('panel.company.customers')}</h3>
        {data.customers.length === 0 ? (
          <EmptyState title={t('panel.company.noCustomers')} />
        ) : (
          <ul class="result-list">
            {data.customers.map((customer) => (
              <CustomerResult key={customer.id} customer={customer} meta={customer.email} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
