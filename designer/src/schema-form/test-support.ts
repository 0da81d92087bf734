/** Test helpers that read the static markup of a rendered form. */

/** The attributes of every input, select and textarea, in order. */
export function controlsIn(html: string): Array<{ tag: string; attributes: Record<string, string> }> {
  return [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].map(([, tag, attributes]) => ({
    tag: tag as string,
    attributes: attributesOf(attributes as string),
  }));
}

/** The attributes of the element with this id. */
export function elementById(html: string, id: string): Record<string, string> | null {
  const match = new RegExp(`<[a-z]+\\b([^>]*\\bid="${id}"[^>]*)>`).exec(html);
  return match ? attributesOf(match[1] as string) : null;
}

/** The text inside the element with this id (tags stripped). */
export function textById(html: string, id: string): string {
  const match = new RegExp(`<([a-z]+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return match
    ? (match[2] as string)
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, '&')
    : '';
}

/** The label text for the control with this id. */
export function labelFor(html: string, id: string): string | null {
  const match = new RegExp(`<label\\b[^>]*\\bfor="${id}"[^>]*>([\\s\\S]*?)</label>`).exec(html);
  return match ? (match[1] as string).replace(/<[^>]+>/g, '') : null;
}

/** Attribute names lower-cased: React writes some as in JSX (`readOnly`), HTML ignores case. */
function attributesOf(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [
      (name as string).toLowerCase(),
      value ?? '',
    ]),
  );
}
