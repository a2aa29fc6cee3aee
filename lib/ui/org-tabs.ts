import type { ConnectionId, CustomerCard, ErrorInfo, OrgAnswer, OrgTag } from '../messaging/model';

/** A tab of the card: an organisation that knows the customer, is still answering, or failed. */
export type OrgTab =
  | { org: OrgTag; status: 'known'; card: CustomerCard }
  | { org: OrgTag; status: 'pending' }
  | { org: OrgTag; status: 'error'; error: ErrorInfo };

/**
 * The card's tabs in the agent's order of connections. An organisation that said "unknown" has no tab (it does
 * not know the customer); one that has not answered yet has a placeholder, so tabs never jump when it does.
 */
export function orgTabsOf(orgs: readonly OrgTag[], answers: readonly OrgAnswer[]): OrgTab[] {
  const byId = new Map(answers.map((answer) => [answer.connectionId, answer]));
  return orgs.flatMap((org): OrgTab[] => {
    const answer = byId.get(org.id);
    if (!answer) return [{ org, status: 'pending' }];
    if (answer.status === 'known') return [{ org, status: 'known', card: answer.card }];
    if (answer.status === 'error') return [{ org, status: 'error', error: answer.error }];
    return [];
  });
}

/** The tab to open: the one the agent chose while it still exists, else the first that knows the customer. */
export function openTab(tabs: readonly OrgTab[], chosen?: ConnectionId): ConnectionId | undefined {
  if (chosen && tabs.some((tab) => tab.org.id === chosen)) return chosen;
  return (tabs.find((tab) => tab.status === 'known') ?? tabs[0])?.org.id;
}

/** Every organisation answered and none knows the customer: the "not in Kustomer" screen. */
export function unknownEverywhere(orgs: readonly OrgTag[], answers: readonly OrgAnswer[]): boolean {
  return orgs.length > 0 && orgTabsOf(orgs, answers).length === 0;
}
