// grpc-js service definitions for the services this plugin serves, over message code generated
// from the .proto files at build time (scripts/lib/proto-codegen.cjs). No protobuf reflection
// runs when the provider starts. Messages cross into TypeScript with snake_case field names,
// enums as names, int64 as number, bytes as Buffer and defaults filled in, which is what
// ./messages.ts describes.

import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import type { IConversionOptions } from 'protobufjs';
import goPlugin from './go_plugin.proto';
import health from './health.proto';
import tfplugin6 from './tfplugin6.proto';

const TO_OBJECT: IConversionOptions = { enums: String, longs: Number, defaults: true, oneofs: true };

interface MessageCodec {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
  fromObject(object: object): object;
  toObject(message: object, options?: IConversionOptions): object;
}

type Generated = typeof tfplugin6;

function messageType(generated: Generated, fullName: string): MessageCodec {
  let node: unknown = generated.root;
  for (const part of fullName.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'function') throw new Error(`no generated message type ${fullName}`);
  return node as unknown as MessageCodec;
}

function serviceDefinition(generated: Generated, serviceName: string): ServiceDefinition {
  const methods = generated.services[serviceName];
  if (!methods) throw new Error(`no service ${serviceName} in the generated protocol code`);
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of methods) {
    const request = messageType(generated, method.requestType);
    const response = messageType(generated, method.responseType);
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: method.requestStream,
      responseStream: method.responseStream,
      // fromObject turns enum names into numbers and plain objects into messages.
      requestSerialize: (m) => Buffer.from(request.encode(request.fromObject(m)).finish()),
      requestDeserialize: (b) => request.toObject(request.decode(b), TO_OBJECT),
      responseSerialize: (m) => Buffer.from(response.encode(response.fromObject(m)).finish()),
      responseDeserialize: (b) => response.toObject(response.decode(b), TO_OBJECT),
      originalName: method.name,
    };
  }
  return definition;
}

export interface PluginServiceDefinitions {
  provider: ServiceDefinition;
  controller: ServiceDefinition;
  stdio: ServiceDefinition;
  health: ServiceDefinition;
}

let cached: PluginServiceDefinitions | undefined;

export function pluginServiceDefinitions(): PluginServiceDefinitions {
  cached ??= {
    provider: serviceDefinition(tfplugin6, 'tfplugin6.Provider'),
    controller: serviceDefinition(goPlugin, 'plugin.GRPCController'),
    stdio: serviceDefinition(goPlugin, 'plugin.GRPCStdio'),
    health: serviceDefinition(health, 'grpc.health.v1.Health'),
  };
  return cached;
}
