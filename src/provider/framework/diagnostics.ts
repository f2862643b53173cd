// Diagnostics as resources and the framework produce them: errors and warnings, each optionally
// pinned to an attribute path so Terraform points at the offending line of configuration.

import type { AttributePath } from '../cty/path';

export type DiagnosticSeverity = 'error' | 'warning';

export interface FrameworkDiagnostic {
  readonly severity: DiagnosticSeverity;
  readonly summary: string;
  readonly detail?: string;
  readonly path?: AttributePath;
}

export class Diagnostics {
  private readonly items: FrameworkDiagnostic[] = [];

  error(summary: string, detail?: string, path?: AttributePath): this {
    this.items.push({ severity: 'error', summary, detail, path });
    return this;
  }

  warning(summary: string, detail?: string, path?: AttributePath): this {
    this.items.push({ severity: 'warning', summary, detail, path });
    return this;
  }

  append(other: Diagnostics | readonly FrameworkDiagnostic[]): this {
    this.items.push(...(other instanceof Diagnostics ? other.items : other));
    return this;
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  get all(): readonly FrameworkDiagnostic[] {
    return this.items;
  }
}

/** Thrown by framework helpers to abort an operation with one diagnostic; caught by the server. */
export class DiagnosticError extends Error {
  constructor(
    readonly summary: string,
    readonly detail?: string,
    readonly path?: AttributePath,
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
  }
}
