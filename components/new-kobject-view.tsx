import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import type { KlassField } from '../lib/messaging/model';
import { activeConnectionId } from '../lib/ui/current-customer';
import { parseAttributeInput } from '../lib/ui/format';
import { useEnqueue } from './hooks/use-enqueue';
import { useLoad } from './hooks/use-load';
import { useRouter } from './router-context';
import { EmptyState, ErrorNotice, Skeleton } from './status-views';
import { tNodes } from './t-nodes';
import { identityText, UserText } from './user-text';
import { ViewHeading } from './view-heading';

const INPUT_TYPES = { Num: 'number', At: 'datetime-local', Url: 'url', Str: 'text' } as const;

/** One generated field of the form, by the attribute's type. */
function FieldInput({ field, value, onInput }: { field: KlassField; value: string; onInput: (value: string) => void }) {
  const id = `kobject-${field.key}`;
  const input =
    field.type === 'Bool' ? (
      <select id={id} value={value} onChange={(event) => onInput(event.currentTarget.value)}>
        <option value="">{t('common.empty')}</option>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    ) : field.type === 'Txt' ? (
      <textarea id={id} rows={3} value={value} onInput={(event) => onInput(event.currentTarget.value)} />
    ) : (
      <input
        id={id}
        type={INPUT_TYPES[field.type] as 'text'}
        step={field.type === 'Num' ? 'any' : undefined}
        required={field.required}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    );
  return (
    <div>
      <label for={id}>
        {field.required
          ? t('panel.newKObject.requiredField', { field: identityText(field.label) })
          : identityText(field.label)}
      </label>
      {input}
    </div>
  );
}

/**
 * A new custom object (KObject) for the customer: the agent picks a klass and fills a form generated from its
 * attribute definitions (for example, log a return). Written through the outbox like every write.
 */
export function NewKObjectView({ customerId, customerName }: { customerId: string; customerName: string }) {
  const router = useRouter();
  const forms = useLoad(() => request('listKlassForms', { connectionId: activeConnectionId() }), []);
  const [klassName, setKlassName] = useState('');
  const [title, setTitle] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<string | null>(null);
  const enqueue = useEnqueue();

  const heading = (
    <ViewHeading>{tNodes('panel.newKObject.heading', { name: <UserText text={customerName} identity /> })}</ViewHeading>
  );
  if (forms.status === 'loading' && !forms.data)
    return (
      <>
        {heading}
        <Skeleton label={t('panel.newKObject.loading')} />
      </>
    );
  if (forms.status === 'error')
    return (
      <>
        {heading}
        <ErrorNotice error={forms.error} onRetry={forms.reload} />
      </>
    );
  const klasses = forms.data ?? [];
  if (klasses.length === 0)
    return (
      <>
        {heading}
        <EmptyState title={t('panel.newKObject.noTypes')} />
      </>
    );
  const form = klasses.find((candidate) => candidate.klassName === klassName) ?? klasses[0];
  if (!form) return null;

  const save = async (event: Event) => {
    event.preventDefault();
    const data: Record<string, string | number | boolean | null> = {};
    try {
      for (const field of form.fields) {
        const raw = values[field.key] ?? '';
        if (field.required && !raw.trim())
          throw new Error(t('panel.newKObject.fieldMissing', { field: identityText(field.label) }));
        if (field.type === 'Bool' && raw === '') continue;
        const value = parseAttributeInput(field.type, raw);
        if (value !== null) data[field.key] = value;
      }
    } catch (error) {
      setInvalid(error instanceof Error ? error.message : t('panel.newKObject.checkValues'));
      return;
    }
    if (!title.trim()) {
      setInvalid(t('panel.newKObject.titleMissing'));
      return;
    }
    setInvalid(null);
    const item = await enqueue.submit(
      { kind: 'createKObject', customerId, klassName: form.klassName, title: title.trim(), data },
      [],
      t('panel.newKObject.queued', { klass: identityText(form.klassLabel) }),
    );
    if (item) router.back();
  };

  return (
    <>
      {heading}
      <form class="stack" aria-label={t('panel.newKObject.formLabel')} onSubmit={save} noValidate>
        <div>
          <label for="kobject-klass">{t('panel.newKObject.type')}</label>
          <select
            id="kobject-klass"
            value={form.klassName}
            onChange={(event) => {
              setKlassName(event.currentTarget.value);
              setValues({});
            }}
          >
            {klasses.map((klass) => (
              <option key={klass.klassName} value={klass.klassName}>
                {identityText(klass.klassLabel)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="kobject-title">{t('panel.newKObject.title')}</label>
          <input id="kobject-title" value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
        </div>
        {form.fields.map((field) => (
          <FieldInput
            key={`${form.klassName}-${field.key}`}
            field={field}
            value={values[field.key] ?? ''}
            onInput={(value) => setValues({ ...values, [field.key]: value })}
          />
        ))}
        {form.fields.length === 0 && <p class="hint">{t('panel.newKObject.noAttributes')}</p>}
        {invalid && (
          <p class="danger" role="alert">
            {invalid}
          </p>
        )}
        {enqueue.error && <ErrorNotice error={enqueue.error} />}
        <button type="submit" class="primary" disabled={enqueue.busy}>
          {t('panel.newKObject.submit', { klass: identityText(form.klassLabel) })}
        </button>
      </form>
    </>
  );
}
