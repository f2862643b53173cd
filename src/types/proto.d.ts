// `.proto` files are imported as generated modules (scripts/lib/proto-to-json.cjs): static
// message code plus a table of service methods.
declare module '*.proto' {
  import type { IConversionOptions, Writer } from 'protobufjs';

  interface StaticMessageType {
    encode(message: object): Writer;
    decode(bytes: Uint8Array): object;
    fromObject(object: object): object;
    toObject(message: object, options?: IConversionOptions): object;
  }

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
