// The logging the fleet layer needs. src/fleet knows nothing of Terraform; the provider passes
// in its own logger, which fits this shape.

export type FleetLogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface FleetLogger {
  debug(message: string, fields?: FleetLogFields): void;
  info(message: string, fields?: FleetLogFields): void;
  warn(message: string, fields?: FleetLogFields): void;
  error(message: string, fields?: FleetLogFields): void;
}

export const quietFleetLogger: FleetLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
