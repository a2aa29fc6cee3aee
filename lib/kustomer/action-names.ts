/** Client method name for an action id of actions.json: camelCase, with Kustomer's "KObject" spelling. */
export function methodNameForAction(actionId: string): string {
  return actionId
    .split('_')
    .map((word, index) => {
      if (word === 'kobject' || word === 'kobjects') return `KObject${word.slice(7)}`;
      return index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');
}
