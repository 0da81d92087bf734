/** How a person names a node: its label, else its type's title and id ("Branch 'route'"). */
export function nodeName(node: { id: string; label?: string | undefined }, typeTitle?: string): string {
  const label = node.label?.trim();
  if (label) return label;
  return typeTitle ? `${typeTitle} '${node.id}'` : `node '${node.id}'`;
}

/** "Branch 'route', case 1: the condition is empty". */
export function sentence(subject: string, where: readonly string[], phrase: string): string {
  return `${[subject, ...where].join(', ')}: ${phrase}`;
}

/** A port as the canvas shows it: "the 'Nobody available' path". */
export function portName(port: { name: string; label?: string | undefined }): string {
  return `the '${port.label ?? port.name}' path`;
}
