// Where inside a value something went wrong. The three steps mirror tfplugin6's
// AttributePath steps (attribute_name, element_key_string, element_key_int), so the
// framework can turn a codec error into a diagnostic that Terraform points at config.

export type PathStep = { readonly attribute: string } | { readonly key: string } | { readonly index: number };

export type AttributePath = readonly PathStep[];

export const ROOT_PATH: AttributePath = Object.freeze([]);

export function appendStep(path: AttributePath, step: PathStep): AttributePath {
  return [...path, step];
}

/** Renders a path as Terraform users read it: `.volumes[2].size`, `.tags["env"]`. */
export function formatPath(path: AttributePath): string {
  return path
    .map((step) => {
      if ('attribute' in step) return `.${step.attribute}`;
      if ('key' in step) return `[${JSON.stringify(step.key)}]`;
      return `[${step.index}]`;
    })
    .join('');
}

function withPath(path: AttributePath, reason: string): string {
  return path.length === 0 ? reason : `${formatPath(path)}: ${reason}`;
}

/** Bytes or text from the other side do not describe a value of the expected type. */
export class CtyDecodeError extends Error {
  override readonly name = 'CtyDecodeError';
  constructor(
    readonly path: AttributePath,
    readonly reason: string,
  ) {
    super(withPath(path, reason));
  }
}

/** A value handed to an encoder does not conform to the type it is encoded with. */
export class CtyEncodeError extends Error {
  override readonly name = 'CtyEncodeError';
  constructor(
    readonly path: AttributePath,
    readonly reason: string,
  ) {
    super(withPath(path, reason));
  }
}
