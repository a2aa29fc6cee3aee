/** The origin of a page URL, or undefined when there is none or it does not parse. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Pages are the same site when their origins match; an unparseable URL only matches itself. */
export function sameOrigin(a: string, b: string): boolean {
  return (originOf(a) ?? a) === (originOf(b) ?? b);
}
