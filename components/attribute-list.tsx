import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { CustomAttribute } from '../lib/messaging/model';
import { draftKeys } from '../lib/ui/drafts';
import { attributeText, parseAttributeInput, toDateTimeLocal } from '../lib/ui/format';
import { outboxItems } from '../lib/ui/outbox-store';
import { PREVIEW_CAP } from '../lib/ui/user-text';
import { safeHttpUrl } from '../lib/url';
import { useDraft } from './hooks/use-draft';
import { useEnqueue } from './hooks/use-enqueue';
import { ErrorNotice } from './status-views';
import { UserText } from './user-text';

/** Whose attributes they are: a customer's or a company's (each written with its own update). */
export type AttributeOwner =
  | { customerId: string; companyId?: undefined }
  | { companyId: string; customerId?: undefined };

/** Custom attributes shown by type; each can be edited in place (written through the outbox). */
export function AttributeList({ owner, attributes }: { owner: AttributeOwner; attributes: CustomAttribute[] }) {
  if (attributes.length === 0) return <p class="hint">{t('panel.attributes.none')}</p>;
  return (
    <dl class="attributes">
      {attributes.map((attribute) => (
        <AttributeRow key={attribute.key} owner={owner} attribute={attribute} />
      ))}
    </dl>
  );
}

function AttributeValue({ attribute }: { attribute: CustomAttribute }) {
  const url = attribute.type === 'Url' ? safeHttpUrl(attribute.value) : null;
  if (url) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer">
        <UserText text={String(attribute.value)} />
      </a>
    );
  }
  if (attribute.type === 'Txt') return <UserText class="pre-wrap" text={attributeText(attribute)} cap={PREVIEW_CAP} />;
  return <UserText text={attributeText(attribute)} />;
}

const INPUT_TYPES = { Num: 'number', At: 'datetime-local', Url: 'url', Str: 'text' } as const;

function initialInput(attribute: CustomAttribute): string {
  if (attribute.type === 'At') return toDateTimeLocal(attribute.value);
  if (attribute.type === 'Bool') return attribute.value === true ? 'true' : 'false';
  return attribute.value === null ? '' : String(attribute.value);
}

function AttributeRow({ owner, attribute }: { owner: AttributeOwner; attribute: CustomAttribute }) {
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<CustomAttribute>(attribute);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const draftKey = draftKeys.attribute(owner.customerId ?? owner.companyId, attribute.key);
  const [input, setInput] = useDraft(draftKey, initialInput(shown));
  const [invalid, setInvalid] = useState<string | null>(null);
  const enqueue = useEnqueue();
  const pending = pendingId ? outboxItems.value.find((item) => item.id === pendingId) : undefined;
  const fieldId = `attr-${attribute.key}`;

  const save = async (event: Event) => {
    event.preventDefault();
    let value: CustomAttribute['value'];
    try {
      value = parseAttributeInput(attribute.type, input);
    } catch (error) {
      setInvalid(error instanceof Error ? error.message : t('panel.attributes.checkValue'));
      return;
    }
    setInvalid(null);
    const changes = { [attribute.key]: value };
    const item = await enqueue.submit(
      owner.customerId === undefined
        ? { kind: 'updateCompanyAttributes', companyId: owner.companyId, changes }
        : { kind: 'updateCustomerAttributes', customerId: owner.customerId, changes },
      [draftKey],
      t('panel.attributes.saved', { name: attribute.label }),
    );
    if (item) {
      setShown({ ...attribute, value });
      setPendingId(item.id);
      setEditing(false);
    }
  };
  const cancel = () => {
    setEditing(false);
    setInvalid(null);
    setInput('');
  };

  if (!editing) {
    return (
      <div class="attribute">
        <dt>
          <UserText text={attribute.label} />
        </dt>
        <dd>
          <AttributeValue attribute={shown} />
          {pending && pending.state !== 'sent' && (
            <span class={`badge badge-${pending.state}`}>
              {t(pending.state === 'failed' ? 'panel.attributes.notSaved' : 'panel.attributes.saving')}
            </span>
          )}
          <button
            type="button"
            class="icon-button"
            aria-label={t('panel.attributes.editLabel', { name: attribute.label })}
            onClick={() => setEditing(true)}
          >
            {t('panel.attributes.edit')}
          </button>
        </dd>
      </div>
    );
  }
  return (
    <div class="attribute editing">
      <dt>
        <label for={fieldId}>
          <UserText text={attribute.label} />
        </label>
      </dt>
      <dd>
        <form
          class="stack"
          onSubmit={save}
          noValidate
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              cancel();
            }
          }}
        >
          {attribute.type === 'Bool' ? (
            <select id={fieldId} value={input} onChange={(event) => setInput(event.currentTarget.value)}>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          ) : attribute.type === 'Txt' ? (
            <textarea id={fieldId} rows={3} value={input} onInput={(event) => setInput(event.currentTarget.value)} />
          ) : (
            <input
              id={fieldId}
              // Preact 11 types `type` as a union of literals per input kind; the value is one of INPUT_TYPES.
              type={INPUT_TYPES[attribute.type] as 'text'}
              step={attribute.type === 'Num' ? 'any' : undefined}
              value={input}
              aria-invalid={invalid ? true : undefined}
              onInput={(event) => setInput(event.currentTarget.value)}
            />
          )}
          {invalid && (
            <p class="danger" role="alert">
              {invalid}
            </p>
          )}
          {enqueue.error && <ErrorNotice error={enqueue.error} />}
          <div class="row">
            <button type="submit" class="primary" disabled={enqueue.busy}>
              {t('panel.attributes.save', { name: attribute.label })}
            </button>
            <button type="button" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </dd>
    </div>
  );
}
