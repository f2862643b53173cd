// `.proto` files are imported as generated modules (scripts/lib/proto-codegen.cjs): static
// message code plus a table of service methods.
declare module '*.proto' {
  interface ServiceMethodInfo {
    name: string;
    requestType: string;
    responseType: string;
    requestStream: boolean;
    responseStream: boolean;
  }

  const generated: {
    /** Nested namespaces down to message types, e.g. root.tfplugin6.GetProviderSchema.Request. */
    root: Record<string, unknown>;
    /** Fully qualified service name → its methods. */
    services: Record<string, ServiceMethodInfo[]>;
  };
  export = generated;
}
