// `.proto` files are imported as protobufjs JSON descriptors (esbuild plugin / jest transform).
declare module '*.proto' {
  import type { INamespace } from 'protobufjs';
  const descriptor: INamespace;
  export = descriptor;
}
